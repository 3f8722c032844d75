import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevServer } from '../../src/temporal/dev-server';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { storyWorkflow } from '../../src/workflows';
import { commandConfig, markersDir } from '../helpers/command-harness';
import { createRepo, gitIn } from '../helpers/git-repo';
import { startServer } from '../helpers/harness';
import { alive, eventually, pidsIn } from '../helpers/processes';
import { startWorkerProcess, stopServerAndWorkers } from '../helpers/worker-process';

let server: DevServer;

beforeAll(async () => (server = await startServer()));
afterAll(() => stopServerAndWorkers(server));

const count = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

test('a worker killed in the middle of a phase and restarted finishes the run; the branch holds the work once', async () => {
  const markers = markersDir();
  const { dir, data } = commandConfig({
    scripts: {
      plan: 'echo plan >> "$WAVE_TEST_MARKERS/plan.count"',
      review: 'echo review >> "$WAVE_TEST_MARKERS/review.count"',
      implement: [
        'echo $$ >> "$WAVE_TEST_MARKERS/implement.pids"',
        'mkdir -p src && echo "part one" > src/api.js',
        // The first attempt hangs long after its worker dies; a restarted worker must stop it and start clean.
        'if [ "$WAVE_ATTEMPT" = 1 ]; then sleep 60; fi',
        'echo "part two" >> src/api.js',
      ].join('\n'),
      test: 'echo test >> "$WAVE_TEST_MARKERS/test.count"; grep -q "part two" src/api.js',
    },
  });
  const configFile = join(dir, 'wave.config.json');
  writeFileSync(configFile, JSON.stringify(data));
  const taskQueue = `crash-${Date.now()}`;
  const env = {
    TEMPORAL_ADDRESS: server.address,
    WAVE_TASK_QUEUE: taskQueue,
    WAVE_CONFIG: configFile,
    WAVE_TEST_MARKERS: markers,
  };
  const first = await startWorkerProcess(env);
  const repo = createRepo({ 'README.md': '# app\n' });
  const handle = await server.client.workflow.start(storyWorkflow, {
    taskQueue,
    workflowId: storyWorkflowId('crash'),
    args: [
      {
        storyId: 'crash',
        title: 'Add an API endpoint',
        domains: ['api'],
        workspace: repo,
        executor: { kind: 'command' },
        policy: {
          phaseHeartbeatTimeoutMs: 2000,
          retry: { initialIntervalMs: 200, backoffCoefficient: 1, maximumIntervalMs: 200 },
        },
      },
    ],
  });
  await eventually(() => pidsIn(join(markers, 'implement.pids')).length === 1, 60_000);
  first.child.kill('SIGKILL');
  const [orphan] = pidsIn(join(markers, 'implement.pids'));
  expect(orphan && alive(orphan)).toBe(true); // the phase's command outlived its worker
  await startWorkerProcess(env);
  const report = await handle.result();
  expect(report.outcome).toBe('succeeded');
  expect(report.review.decision).toBe('approved');
  // Finished phases ran once; only the interrupted implement ran again.
  expect(count(join(markers, 'plan.count'))).toBe(1);
  expect(count(join(markers, 'review.count'))).toBe(1);
  expect(pidsIn(join(markers, 'implement.pids'))).toHaveLength(2);
  expect(count(join(markers, 'test.count'))).toBe(1);
  expect(report.domains[0]?.phases.find((p) => p.phase === 'implement')?.attempt).toBe(2);
  // The leftover command of the dead worker was stopped; the branch has one implement commit with the whole file.
  expect(alive(orphan as number)).toBe(false);
  expect(gitIn(repo, 'show', 'wave/crash/api:src/api.js')).toBe('part one\npart two');
  expect(gitIn(repo, 'log', '--format=%s', 'main..wave/crash/api')).toBe('wave(crash): api implement');
  expect(gitIn(repo, 'status', '--porcelain')).toBe('');
});
