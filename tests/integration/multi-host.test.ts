import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { temporal } from '@temporalio/proto';
import type { RunReport } from '../../src/model/report';
import type { DevServer } from '../../src/temporal/dev-server';
import { domainWorkflowId, storyWorkflowId } from '../../src/workflow-safe/ids';
import { storyWorkflow } from '../../src/workflows';
import { gitIn } from '../helpers/git-repo';
import { startServer } from '../helpers/harness';
import { alive, eventually, freePort, pidsIn } from '../helpers/processes';
import { reportEssence } from '../helpers/results';
import type { WorkerProcess } from '../helpers/worker-process';
import { canIsolateHosts, startWorkerProcess, stopServerAndWorkers } from '../helpers/worker-process';

// Three worker processes act as three hosts: each in a mount namespace of its own with a private tmpfs as its working
// directory (its clone cache lives there), sharing nothing but the server and a bare repository reached by file://.
const ISOLATION = canIsolateHosts();
if (!ISOLATION) {
  console.warn('multi-host tests skipped: they need Linux and root (`unshare -m` gives each worker its own mounts)');
}
const hostsTest = ISOLATION ? test : test.skip;

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'delivery-demo');
const HOSTS = ['host-a', 'host-b', 'host-c'];
const DOMAINS = ['auth', 'payments', 'api'];
const TITLE = 'Add Google login, Stripe checkout and a REST endpoint for order history';

let server: DevServer;
let shared: string;
let remote: string;
const taskQueue = `hosts-${Date.now()}`;
const workers = new Map<string, WorkerProcess>();
/** Each host's Prometheus endpoint. */
const metrics = new Map<string, string>();

beforeAll(async () => {
  if (!ISOLATION) return;
  server = await startServer();
  shared = mkdtempSync(join(tmpdir(), 'wave-hosts-'));
  const checkout = join(shared, 'shop');
  execFileSync(join(EXAMPLE, 'create-repo.sh'), [checkout]);
  remote = join(shared, 'remote.git');
  execFileSync('git', ['clone', '--quiet', '--bare', checkout, remote]);
  // The "calm" story's implements wait for each other (at most 30 s): three at once need at least two hosts, since a
  // host holds two domains at most. The payments implement of the "storm" story hangs on its first attempt, long
  // enough to kill its host.
  const implement = join(shared, 'implement.sh');
  writeFileSync(
    implement,
    [
      '#!/bin/sh',
      'if [ "$WAVE_STORY_ID" = hosts-calm ]; then',
      `  touch ${join(shared, 'calm')}-$WAVE_DOMAIN`,
      `  i=0; while [ "$(ls ${join(shared, 'calm')}-* | wc -l)" -lt 3 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done`,
      'fi',
      'if [ "$WAVE_STORY_ID" = hosts-storm ] && [ "$WAVE_DOMAIN" = payments ] && [ "$WAVE_ATTEMPT" = 1 ]; then',
      `  echo $$ >> ${join(shared, 'hanging.pids')}`,
      '  sleep 60',
      'fi',
      `exec ${join(EXAMPLE, 'agents', 'implement.js')}`,
    ].join('\n'),
  );
  chmodSync(implement, 0o755);
  const agent = (name: string) => ({ command: join(EXAMPLE, 'agents', `${name}.js`), timeoutMs: 60_000 });
  const config = join(shared, 'wave.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      worker: { maxWorktrees: 2, diskUseIntervalMs: 1000 },
      executors: {
        command: {
          phases: {
            plan: agent('plan'),
            review: agent('review'),
            implement: { command: implement, timeoutMs: 120_000 },
            test: agent('test'),
          },
          mergeTest: { command: ['node', '--test'], timeoutMs: 120_000 },
        },
      },
    }),
  );
  const privateDir = join(shared, 'host');
  mkdirSync(privateDir);
  const env = { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: taskQueue, WAVE_CONFIG: config };
  for (const host of HOSTS) metrics.set(host, `127.0.0.1:${await freePort()}`);
  const started = await Promise.all(
    HOSTS.map((host) =>
      startWorkerProcess(
        { ...env, WAVE_HOST_ID: host, WAVE_METRICS_ADDRESS: metrics.get(host) as string },
        { privateDir },
      ),
    ),
  );
  started.forEach((worker, i) => workers.set(HOSTS[i] as string, worker));
}, 120_000);

afterAll(async () => {
  for (const pid of shared ? pidsIn(join(shared, 'hanging.pids')) : []) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await stopServerAndWorkers(server);
});

function start(storyId: string) {
  return server.client.workflow.start(storyWorkflow, {
    taskQueue,
    workflowId: storyWorkflowId(storyId),
    args: [{ storyId, title: TITLE, domains: DOMAINS, workspace: `file://${remote}`, executor: { kind: 'command' } }],
  });
}

/** The `runPhase` attempts of a domain: which host started each, and when. */
async function phaseStarts(input: { storyId: string; domain: string }): Promise<{ host: string; at: number }[]> {
  const history = await server.client.workflow
    .getHandle(domainWorkflowId(input))
    .fetchHistory()
    .catch(() => ({ events: [] as temporal.api.history.v1.IHistoryEvent[] }));
  const events = history.events ?? [];
  const phases = new Set(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runPhase')
      .map((e) => Number(e.eventId)),
  );
  return events
    .filter((e) => phases.has(Number(e.activityTaskStartedEventAttributes?.scheduledEventId ?? -1)))
    .map((e) => ({
      host: (e.activityTaskStartedEventAttributes?.identity ?? '').split('/')[0] as string,
      at: Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6),
    }));
}

function remoteBranches(storyId: string): string[] {
  return gitIn(remote, 'for-each-ref', '--format=%(refname:short)', `refs/heads/wave/${storyId}/`)
    .split('\n')
    .filter(Boolean)
    .sort();
}

let calm: RunReport | undefined;

hostsTest(
  'a three-domain story on three hosts that share no disk: branches on the remote, phases on several hosts',
  async () => {
    calm = await (await start('hosts-calm')).result();
    expect(calm.outcome).toBe('succeeded');
    expect(calm.review).toMatchObject({ decision: 'approved', by: 'auto-gate' });
    expect(calm.merge).toMatchObject({ merged: ['auth', 'payments', 'api'], conflicts: [], tests: { passed: true } });
    expect(remoteBranches('hosts-calm')).toEqual([
      'wave/hosts-calm/api',
      'wave/hosts-calm/auth',
      'wave/hosts-calm/merged',
      'wave/hosts-calm/payments',
    ]);
    expect(gitIn(remote, 'show', 'wave/hosts-calm/merged:src/routes.js')).toContain("['POST', '/checkout'");
    const hosts = new Map<string, string[]>();
    for (const domain of DOMAINS) {
      const starts = await phaseStarts({ storyId: 'hosts-calm', domain });
      expect(starts).toHaveLength(4);
      // A domain keeps to one host while that host lives.
      expect(new Set(starts.map((s) => s.host)).size).toBe(1);
      hosts.set(domain, [...new Set(starts.map((s) => s.host))]);
    }
    const used = new Set([...hosts.values()].flat());
    console.log(`hosts by domain: ${[...hosts].map(([d, h]) => `${d} on ${h.join(', ')}`).join('; ')}`);
    expect(used.size).toBeGreaterThanOrEqual(2);
    for (const host of used) {
      expect(HOSTS).toContain(host);
      // A host reports the disk its clone cache and worktrees take.
      await eventually(async () => {
        const text = await (await fetch(`http://${metrics.get(host)}/metrics`)).text();
        return (
          Number(new RegExp(`^wave_worktree_disk_bytes\\{[^}]*host="${host}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1]) > 0
        );
      }, 5000);
    }
  },
  120_000,
);

hostsTest(
  'a host killed in the middle of implement: the domain goes on on another host from the remote branch, same report',
  async () => {
    const handle = await start('hosts-storm');
    const hanging = join(shared, 'hanging.pids');
    await eventually(() => existsSync(hanging), 60_000);
    const [victim] = (await phaseStarts({ storyId: 'hosts-storm', domain: 'payments' })).slice(-1);
    const worker = workers.get(victim?.host ?? '');
    if (!victim || !worker) throw new Error('no host runs the payments implement');
    worker.child.kill('SIGKILL');
    const killedAt = Date.now();
    const report = await handle.result();
    expect(calm).toBeDefined();
    expect(reportEssence(report)).toEqual(reportEssence(calm as RunReport));
    const starts = await phaseStarts({ storyId: 'hosts-storm', domain: 'payments' });
    const resumed = starts.find((s) => s.at >= killedAt && s.host !== victim.host);
    expect(resumed).toBeDefined();
    console.log(
      `payments on ${victim.host}, killed mid-implement; resumed on ${resumed?.host} ${(((resumed?.at ?? 0) - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
    const implement = report.domains.find((d) => d.domain === 'payments')?.phases.find((p) => p.phase === 'implement');
    expect(implement?.attempt).toBe(2);
    // The new host rebuilt the worktree from the remote: the branch holds the implement commit once.
    const base = gitIn(remote, 'rev-parse', 'HEAD');
    expect(gitIn(remote, 'log', '--format=%s', `${base}..wave/hosts-storm/payments`)).toBe(
      'wave(hosts-storm): payments implement',
    );
    expect(readFileSync(hanging, 'utf8').trim().split('\n')).toHaveLength(1);
  },
  180_000,
);
