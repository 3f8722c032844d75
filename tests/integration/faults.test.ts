import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { UserError } from '../../src/model/user-errors';
import { portOpen, startDevServer } from '../../src/temporal/dev-server';
import type { DevServer } from '../../src/temporal/dev-server';
import { prepareRequest, startStory } from '../../src/temporal/story-client';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { domainWorkflow, storyWorkflow } from '../../src/workflows';
import { commandConfig, markersDir } from '../helpers/command-harness';
import { createRepo } from '../helpers/git-repo';
import { startHarness, startServer } from '../helpers/harness';
import { eventually, pidsIn } from '../helpers/processes';
import { reportEssence } from '../helpers/results';
import type { WorkerProcess } from '../helpers/worker-process';
import { startWorkerProcess, stopServerAndWorkers } from '../helpers/worker-process';

let server: DevServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => stopServerAndWorkers(server));

function worker(env: Record<string, string>): Promise<WorkerProcess> {
  return startWorkerProcess({ TEMPORAL_ADDRESS: server.address, ...env });
}

function events(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

function counts(items: string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const item of items) result[item] = (result[item] ?? 0) + 1;
  return result;
}

test('SIGKILL of the worker during a long phase of a multi-domain run: same report, finished phases ran once', async () => {
  const markers = markersDir();
  const log = (event: string) =>
    `echo "${event} $WAVE_DOMAIN/$WAVE_PHASE" >> "$WAVE_TEST_MARKERS/$WAVE_STORY_ID.phases"`;
  const phase = (body: string) => `${log('start')}\n${body}\n${log('end')}`;
  const { dir, data } = commandConfig({
    scripts: {
      plan: phase('echo "WAVE_SUMMARY plan for $WAVE_DOMAIN"'),
      review: phase('true'),
      implement: phase(
        [
          'if [ "$WAVE_DOMAIN" = payments ] && [ -e "$WAVE_TEST_MARKERS/$WAVE_STORY_ID.hang" ]; then',
          '  echo $$ >> "$WAVE_TEST_MARKERS/$WAVE_STORY_ID.pids"',
          '  if [ "$WAVE_ATTEMPT" = 1 ]; then sleep 60; fi',
          'fi',
          'mkdir -p src && echo "module.exports = \'$WAVE_DOMAIN\';" > "src/$WAVE_DOMAIN.js"',
        ].join('\n'),
      ),
      test: phase('test -f "src/$WAVE_DOMAIN.js" && echo "ok 1"'),
      merged: 'test -f src/auth.js && test -f src/payments.js && test -f src/ui.js',
    },
  });
  const configFile = join(dir, 'wave.config.json');
  writeFileSync(configFile, JSON.stringify(data));
  const env = { WAVE_TASK_QUEUE: `faults-${Date.now()}`, WAVE_CONFIG: configFile, WAVE_TEST_MARKERS: markers };
  const first = await worker(env);
  const client = new Client({ connection: server.connection });
  const request = (storyId: string) =>
    prepareRequest({
      storyId,
      title: 'Add Google login, Stripe checkout and a dashboard',
      domains: ['auth', 'payments', 'ui'],
      workspace: createRepo({ 'README.md': '# app\n' }),
      executor: { kind: 'command' },
      policy: {
        phaseHeartbeatTimeoutMs: 2000,
        retry: { initialIntervalMs: 200, backoffCoefficient: 1, maximumIntervalMs: 200 },
      },
    });
  const calm = await (await startStory({ client, taskQueue: env.WAVE_TASK_QUEUE, request: request('calm') })).result();

  writeFileSync(join(markers, 'storm.hang'), '');
  const handle = await startStory({ client, taskQueue: env.WAVE_TASK_QUEUE, request: request('storm') });
  await eventually(() => pidsIn(join(markers, 'storm.pids')).length === 1, 60_000);
  first.child.kill('SIGKILL');
  await worker(env);
  const storm = await handle.result();

  expect(reportEssence(storm)).toEqual(reportEssence(calm));
  const started = counts(
    events(join(markers, 'storm.phases'))
      .filter((e) => e.startsWith('start '))
      .map((e) => e.slice(6)),
  );
  expect(Object.keys(started)).toHaveLength(12); // 3 domains × 4 phases, all ran
  expect(started['payments/implement']).toBe(2); // the phase the worker died in ran once more
  // Nothing Temporal recorded as finished ran again: a phase finished in its first attempt ran exactly once; one the
  // dead worker held ran at most once per attempt (an attempt can die before its command starts).
  const recorded = storm.domains.flatMap((d) => d.phases.map((p) => [`${d.domain}/${p.phase}`, p.attempt] as const));
  for (const [phase, attempt] of recorded) {
    const runs = started[phase] ?? 0;
    expect({ phase, ok: attempt === 1 ? runs === 1 : runs >= 1 && runs <= attempt }).toEqual({ phase, ok: true });
  }
  expect(recorded.filter(([, attempt]) => attempt === 1).length).toBeGreaterThanOrEqual(8);
});

test('the dev server stops mid-run and restarts on the same SQLite file: the run completes, no manual step', async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'wave-db-')), 'temporal.db');
  const port = 17_000 + Math.floor(Math.random() * 2000);
  const before = await startDevServer({ dbFile, port });
  let after: DevServer | undefined;
  const client = new Client({ connection: before.connection });
  const h = await startHarness({ server: before });
  try {
    const handle = await client.workflow.start(storyWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: storyWorkflowId('restart'),
      args: [
        {
          storyId: 'restart',
          title: 'x',
          domains: ['api', 'ui', 'data'],
          executor: { kind: 'simulated', phaseMs: 800 },
        },
      ],
    });
    const result = handle.result();
    await new Promise((r) => setTimeout(r, 1500));
    await before.stopProcess?.();
    expect(await portOpen(port)).toBe(false);
    await new Promise((r) => setTimeout(r, 2000));
    after = await startDevServer({ dbFile, port });
    // The same client call and the same worker, both waiting across the restart.
    const report = await result;
    expect(report.outcome).toBe('succeeded');
    expect(report.domains.map((d) => d.phases.length)).toEqual([4, 4, 4]);
  } finally {
    await h.close();
    await before.stop();
    await after?.stop();
  }
});

test('transient failures injected into 30% of phase attempts across 20 concurrent stories: every story succeeds', async () => {
  const h = await startHarness({ server });
  try {
    const stories = Array.from({ length: 20 }, (_, i) =>
      h.run({
        title: `story ${i}`,
        domains: ['auth', 'payments', 'ui'],
        policy: { retry: { maximumAttempts: 12, initialIntervalMs: 20, backoffCoefficient: 1, maximumIntervalMs: 20 } },
        executor: { kind: 'simulated', phaseMs: 20, transientFailureRate: 0.3, seed: `s${i}` },
      }),
    );
    const reports = await Promise.all(stories);
    expect(reports.map((r) => r.outcome)).toEqual(Array(20).fill('succeeded'));
    const phases = reports.flatMap((r) => r.domains.flatMap((d) => d.phases));
    const failed = phases.reduce((sum, p) => sum + p.attempt - 1, 0);
    const attempts = phases.length + failed;
    console.log(
      `20 stories, ${phases.length} phases, ${attempts} attempts, ${failed} injected failures (${((failed / attempts) * 100).toFixed(1)}%)`,
    );
    expect(failed / attempts).toBeGreaterThan(0.2);
    expect(failed / attempts).toBeLessThan(0.4);
  } finally {
    await h.close();
  }
});

test('SIGTERM: the worker hands back its in-flight phase and exits within its grace period; the run goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wave-grace-'));
  const configFile = join(dir, 'wave.config.json');
  writeFileSync(configFile, JSON.stringify({ worker: { shutdownGraceMs: 1500 } }));
  const env = { WAVE_TASK_QUEUE: `grace-${Date.now()}`, WAVE_CONFIG: configFile };
  const first = await worker(env);
  const client = new Client({ connection: server.connection });
  const handle = await client.workflow.start(storyWorkflow, {
    taskQueue: env.WAVE_TASK_QUEUE,
    workflowId: storyWorkflowId('grace'),
    args: [
      {
        storyId: 'grace',
        title: 'x',
        domains: ['api'],
        policy: {
          phaseHeartbeatTimeoutMs: 2000,
          retry: { initialIntervalMs: 100, backoffCoefficient: 1, maximumIntervalMs: 100 },
        },
        executor: { kind: 'simulated', phaseMs: 50, domains: { api: { phaseMs: { implement: 8000 } } } },
      },
    ],
  });
  const child = client.workflow.getHandle(`${storyWorkflowId('grace')}/api`);
  await eventually(
    async () => (await child.query<{ phase?: string }>('progress').catch(() => undefined))?.phase === 'implement',
  );
  const signalled = Date.now();
  first.child.kill('SIGTERM');
  const code = await first.exited;
  const exitMs = Date.now() - signalled;
  console.log(`worker exited ${exitMs} ms after SIGTERM (grace 1500 ms), code ${code}`);
  expect(exitMs).toBeLessThan(1500 + 3000);
  await worker(env);
  const report = await handle.result();
  expect(report.outcome).toBe('succeeded');
  expect(report.domains[0]?.phases.find((p) => p.phase === 'implement')?.attempt).toBeGreaterThanOrEqual(2);
}, 90_000);

test('the same story id twice: a clear "already running", never a second copy; a taken child id cannot stall a parent', async () => {
  const h = await startHarness({ server });
  try {
    const request = prepareRequest({
      storyId: 'twice',
      title: 'x',
      domains: ['api'],
      executor: { kind: 'simulated', phaseMs: 1000 },
    });
    const first = await startStory({ client: h.client, taskQueue: h.taskQueue, request });
    await expect(startStory({ client: h.client, taskQueue: h.taskQueue, request })).rejects.toThrow(
      new UserError('story twice is already running (wave status twice)'),
    );
    await first.result();
    const runs = await h.client.workflow.count(`WorkflowId = '${storyWorkflowId('twice')}'`);
    expect(runs.count).toBe(1);

    // Someone already runs a workflow under the id the parent wants for its ui child.
    const squatter = await h.client.workflow.start(domainWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `${storyWorkflowId('squatted')}/ui`,
      args: [
        {
          storyId: 'other',
          title: 'x',
          domain: {
            name: 'ui',
            critical: false,
            layer: 0,
            weight: 1,
            dependsOn: [],
            budget: { tokens: 9999, costUsd: 9 },
            reason: '',
          },
          budget: { tokens: 9999, costUsd: 9 },
          policy: prepareRequest({ title: 'x' }).policy,
          executor: {
            kind: 'simulated',
            phaseMs: 5000,
            tokensPerPhase: 1,
            usdPer1kTokens: 0,
            domains: {},
            transientFailureRate: 0,
            seed: 'x',
          },
        },
      ],
    });
    const report = await h.run({
      storyId: 'squatted',
      title: 'x',
      domains: ['auth', 'ui'],
      policy: { toleratedFailures: 1 },
      executor: { kind: 'simulated', phaseMs: 10 },
    });
    expect(report.outcome).toBe('partial');
    expect(report.domains.find((d) => d.domain === 'ui')).toMatchObject({
      status: 'failed',
      error: { type: expect.stringMatching(/AlreadyStarted/) },
    });
    await squatter.terminate('test over');
  } finally {
    await h.close();
  }
});
