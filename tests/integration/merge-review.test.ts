import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { parseConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import { reviewStory } from '../../src/temporal/story-client';
import { WAVE_STATUS } from '../../src/workflow-safe/search-attributes';
import { progressQuery } from '../../src/workflows';
import { wave } from '../helpers/cli';
import { commandConfig, markersDir, startCommandHarness } from '../helpers/command-harness';
import { createRepo, gitIn, scriptsDir } from '../helpers/git-repo';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

let server: DevServer;
const harnesses: Harness[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await server?.stop();
});

async function harness(scripts: Parameters<typeof startCommandHarness>[0]['scripts']): Promise<Harness> {
  const h = await startCommandHarness({ server, scripts });
  harnesses.push(h);
  return h;
}

const OWN_FILE = 'mkdir -p src && echo "module.exports = \'$WAVE_DOMAIN\';" > "src/$WAVE_DOMAIN.js"';
const SAME_LINE = 'echo "owned by $WAVE_DOMAIN" > shared.txt && ' + OWN_FILE;
const quick = { retry: { initialIntervalMs: 100, backoffCoefficient: 1, maximumIntervalMs: 100 } };

async function waitForStage(h: Harness, workflowId: string, stage: string): Promise<string | undefined> {
  const handle = h.client.workflow.getHandle(workflowId);
  for (let i = 0; i < 200; i++) {
    const progress = await handle.query(progressQuery).catch(() => undefined);
    if (progress?.stage === stage) return progress.reviewReason;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflowId} never reached ${stage}`);
}

test('parallel domains edit different files on their own branches and merge cleanly; the gate approves', async () => {
  const h = await harness({ implement: OWN_FILE, merged: 'test -f src/api.js && test -f src/ui.js' });
  const repo = createRepo({ 'README.md': '# app\n' });
  const base = gitIn(repo, 'rev-parse', 'HEAD');
  const report = await h.run({
    storyId: 'clean',
    title: 'Add an API endpoint and a dashboard',
    domains: ['api', 'ui'],
    workspace: repo,
    executor: { kind: 'command' },
    policy: quick,
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.simulated).toBe(false);
  expect(report.filesByDomain).toEqual({ api: ['src/api.js'], ui: ['src/ui.js'] });
  expect(report.merge).toMatchObject({
    branch: 'wave/clean/merged',
    baseCommit: base,
    merged: ['api', 'ui'],
    conflicts: [],
  });
  expect(report.merge?.tests).toMatchObject({ passed: true, exitCode: 0 });
  expect(report.review).toMatchObject({ decision: 'approved', by: 'auto-gate' });
  // Each branch holds only its own domain's change, committed with a message naming story and domain.
  expect(gitIn(repo, 'diff', '--name-only', `${base}..wave/clean/api`)).toBe('src/api.js');
  expect(gitIn(repo, 'diff', '--name-only', `${base}..wave/clean/ui`)).toBe('src/ui.js');
  expect(gitIn(repo, 'log', '-1', '--format=%s%n%b', 'wave/clean/api')).toMatch(
    /wave\(clean\): api implement[\s\S]*Story: Add an API endpoint/,
  );
  expect(gitIn(repo, 'ls-tree', '-r', '--name-only', 'wave/clean/merged').split('\n')).toEqual([
    'README.md',
    'src/api.js',
    'src/ui.js',
  ]);
  // The user's checkout is untouched and clean; nothing was pushed anywhere.
  expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(base);
  expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  expect(gitIn(repo, 'remote')).toBe('');
});

/** Two domains that edit the same line of one file: their merge conflicts and the run waits for review. */
async function startConflictingRun(storyId: string) {
  const h = await harness({ implement: SAME_LINE });
  const handle = await h.start({
    storyId,
    title: 'Add login and billing',
    domains: ['auth', 'payments'],
    workspace: createRepo({ 'shared.txt': 'base\n' }),
    executor: { kind: 'command' },
    policy: quick,
  });
  return { h, handle };
}

test('two domains editing the same lines conflict; the run waits for review and --reject ends it rejected', async () => {
  const { h, handle } = await startConflictingRun('conflict-reject');
  const reason = await waitForStage(h, handle.workflowId, 'awaiting-review');
  expect(reason).toMatch(/merge conflict: payments with auth in shared\.txt/);
  const env = { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: h.taskQueue };
  const status = await wave({ args: ['status', 'conflict-reject'], env });
  expect(status.stdout).toMatch(/Awaiting review: merge conflict/);
  expect(status.stdout).toMatch(/wave review conflict-reject --approve/);
  // Operators find runs that wait for them in the Web UI with WaveStatus = "awaiting-review".
  const waiting = await wave({ args: ['list', '--status', 'awaiting-review', '--output', 'json'], env });
  expect((JSON.parse(waiting.stdout) as { storyId: string }[]).map((r) => r.storyId)).toContain('conflict-reject');
  const rejected = await wave({
    args: ['review', 'conflict-reject', '--reject', '--comment', 'resolve shared.txt first', '--as', 'maria'],
    env,
  });
  expect(rejected.stderr).toBe('');
  expect(rejected.code).toBe(0);
  const report = await handle.result();
  expect(report.review).toEqual({
    decision: 'rejected',
    by: 'maria',
    reason: 'rejected by maria',
    comment: 'resolve shared.txt first',
  });
  expect(report.merge?.conflicts).toEqual([{ domain: 'payments', files: ['shared.txt'], with: ['auth'] }]);
  expect(report.merge?.merged).toEqual(['auth']);
  expect(report.merge?.tests).toBeUndefined();
  const shown = await wave({ args: ['status', 'conflict-reject'], env });
  expect(shown.code).toBe(1);
  const described = await h.client.workflow.getHandle(handle.workflowId).describe();
  expect(described.typedSearchAttributes.get(WAVE_STATUS)).toBe('rejected');
  expect(shown.stdout).toMatch(/conflict: payments conflicts with auth in shared\.txt/);
  // A decision for a run that is not waiting is refused with a clear message.
  const late = await wave({ args: ['review', 'conflict-reject', '--approve'], env });
  expect(late.code).toBe(2);
  expect(late.stderr.trim()).toMatch(/^wave: (story conflict-reject is not waiting for a review|no story)/);
});

test('an approval completes a conflicting run; who decided is recorded', async () => {
  const { h, handle } = await startConflictingRun('conflict-approve');
  await waitForStage(h, handle.workflowId, 'awaiting-review');
  await expect(
    reviewStory({ client: h.client, storyId: 'conflict-approve', decision: { approve: true, reviewer: ' ' } }),
  ).rejects.toThrow(/invalid review decision: reviewer: must name who decides/);
  const review = await reviewStory({
    client: h.client,
    storyId: 'conflict-approve',
    decision: { approve: true, reviewer: 'lee', comment: 'I will fix shared.txt by hand' },
  });
  expect(review).toMatchObject({ decision: 'approved', by: 'lee' });
  const report = await handle.result();
  expect(report.review).toMatchObject({ decision: 'approved', by: 'lee', comment: 'I will fix shared.txt by hand' });
  expect(report.outcome).toBe('succeeded');
});

test('failing merged tests block auto-approval; without a decision the review times out rejected', async () => {
  const h = await harness({ implement: OWN_FILE, merged: 'echo "FAIL integration: api and ui disagree"; exit 3' });
  const repo = createRepo({ 'README.md': '# app\n' });
  const handle = await h.start({
    storyId: 'merged-fail',
    title: 'x',
    domains: ['api', 'ui'],
    workspace: repo,
    executor: { kind: 'command' },
    policy: { ...quick, reviewTimeoutMs: 4000 },
  });
  const reason = await waitForStage(h, handle.workflowId, 'awaiting-review');
  expect(reason).toBe('the merged tests failed (exit code 3)');
  const report = await handle.result();
  expect(report.merge?.tests).toMatchObject({
    passed: false,
    exitCode: 3,
    tail: expect.stringContaining('FAIL integration'),
  });
  expect(report.review).toMatchObject({ decision: 'rejected', by: 'timeout' });
});

test('a failed run is rejected by the gate without merging', async () => {
  const h = await harness({ implement: 'exit 1' });
  const repo = createRepo({ 'README.md': '# app\n' });
  const report = await h.run({
    title: 'x',
    domains: ['auth'],
    workspace: repo,
    executor: { kind: 'command' },
    policy: { retry: { maximumAttempts: 1 } },
  });
  expect(report.outcome).toBe('failed');
  expect(report.domains[0]?.error?.type).toBe('CommandFailed');
  expect(report.merge).toBeUndefined();
  expect(report.review).toMatchObject({ decision: 'rejected', by: 'auto-gate' });
});

test.each([
  ['a missing workspace', () => '/nonexistent/wave-repo', /^workspace: \/nonexistent\/wave-repo does not exist$/],
  [
    'a folder that is not a repository',
    () => mkdtempSync(join(tmpdir(), 'plain-')),
    /^workspace: \/.* is not a git repository$/,
  ],
  [
    'a dirty base',
    () => {
      const repo = createRepo({ 'a.txt': 'a\n' });
      writeFileSync(`${repo}/a.txt`, 'changed\n');
      return repo;
    },
    /has uncommitted changes \(a\.txt\); commit or stash them first/,
  ],
])('%s fails the run at once with a clear message', async (_name, workspace, message) => {
  const h = await harness({ implement: OWN_FILE });
  const handle = await h.start({ title: 'x', domains: ['api'], workspace: workspace(), executor: { kind: 'command' } });
  const error = (await handle.result().catch((err: unknown) => err)) as WorkflowFailedError;
  expect(error).toBeInstanceOf(WorkflowFailedError);
  expect(error.cause?.message).toMatch(message);
  expect((error.cause as { type?: string }).type).toBe('InvalidStoryRequest');
});

test('a remote that refuses the merged branch fails the run with one line naming the activity, host, remote and branch', async () => {
  const h = await harness({ implement: OWN_FILE });
  const repo = createRepo({ 'README.md': '# app\n' });
  // The remote takes the domains' branches but not the integration branch.
  const hook = join(repo, '.git', 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    '#!/bin/sh\nif grep -q "refs/heads/wave/.*/merged"; then echo "merged branches are protected"; exit 1; fi\n',
  );
  chmodSync(hook, 0o755);
  const handle = await h.start({
    storyId: 'refused',
    title: 'x',
    domains: ['api'],
    workspace: repo,
    executor: { kind: 'command' },
    policy: quick,
  });
  await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  expect(gitIn(repo, 'branch', '--list', 'wave/refused/*')).toBe('wave/refused/api');
  const env = { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: h.taskQueue };
  const status = await wave({ args: ['status', 'refused'], env });
  expect(status.code).toBe(1);
  expect(status.stdout.trim()).toMatch(
    new RegExp(
      `^refused: failed — mergeReview on \\S+: merge review: ${repo} refused the push of wave/refused/merged: .*merged branches are protected`,
    ),
  );
});

/** A worker whose `onApproved` command is `body` (bash), beside the usual phase scripts. */
async function approvalHarness(body: string): Promise<Harness> {
  const hook = scriptsDir({ 'on-approved.sh': body });
  const { dir, data } = commandConfig({
    scripts: { implement: OWN_FILE, merged: 'exit 0' },
    extra: { onApproved: { command: join(hook, 'on-approved.sh'), env: ['WAVE_TEST_MARKERS'] } },
  });
  const h = await startHarness({ server, executors: executorsFromConfig(parseConfig({ data, baseDir: dir })) });
  harnesses.push(h);
  return h;
}

test('once approved, the onApproved command runs in the merged tree with the branch, the report and the story', async () => {
  const markers = markersDir();
  const h = await approvalHarness(
    [
      'echo "$WAVE_BRANCH $WAVE_STORY_ID $WAVE_STORY" > "$WAVE_TEST_MARKERS/approved"',
      'grep -c \'"storyId": "hooked"\' "$WAVE_REPORT" >> "$WAVE_TEST_MARKERS/approved"',
      'ls src >> "$WAVE_TEST_MARKERS/approved"',
      'echo "opened https://example.invalid/pull/1"',
    ].join('\n'),
  );
  const report = await h.run({
    storyId: 'hooked',
    title: 'Add an API endpoint',
    domains: ['api', 'ui'],
    workspace: createRepo({ 'README.md': '# app\n' }),
    executor: { kind: 'command' },
    policy: quick,
  });
  expect(report.review.decision).toBe('approved');
  expect(report.onApproved).toMatchObject({ passed: true, exitCode: 0, tail: expect.stringContaining('pull/1') });
  expect(readFileSync(join(markers, 'approved'), 'utf8').split('\n')).toEqual([
    'wave/hooked/merged hooked Add an API endpoint',
    '1',
    'api.js',
    'ui.js',
    '',
  ]);
});

test('a failing onApproved command is reported, and wave status exits 1 with its output', async () => {
  markersDir();
  const h = await approvalHarness('echo "gh: authentication required"; exit 4');
  const report = await h.run({
    storyId: 'hook-fails',
    title: 'x',
    domains: ['api'],
    workspace: createRepo({ 'README.md': '# app\n' }),
    executor: { kind: 'command' },
    policy: quick,
  });
  expect(report.review.decision).toBe('approved');
  expect(report.onApproved).toMatchObject({ passed: false, exitCode: 4, tail: 'gh: authentication required' });
  const status = await wave({
    args: ['status', 'hook-fails'],
    env: { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: h.taskQueue },
  });
  expect(status.code).toBe(1);
  expect(status.stdout).toMatch(
    /On approval: FAILED \(exit code 4\): .*on-approved\.sh\n {2}gh: authentication required/,
  );
});
