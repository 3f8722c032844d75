import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { parseConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import type { PhaseScripts } from '../helpers/command-harness';
import { commandConfig, markersDir, startCommandHarness } from '../helpers/command-harness';
import { createRepo, gitIn } from '../helpers/git-repo';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';
import { alive, eventually, pidsIn } from '../helpers/processes';

let server: DevServer;
let markers: string;
const harnesses: Harness[] = [];
beforeAll(async () => {
  server = await startServer();
});
beforeEach(() => {
  markers = markersDir();
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await server?.stop();
});

async function harness(scripts: PhaseScripts, timeoutMs?: number): Promise<Harness> {
  const h = await startCommandHarness({ server, scripts, ...(timeoutMs ? { timeoutMs } : {}) });
  harnesses.push(h);
  return h;
}

const command = { kind: 'command' as const };
const once = { retry: { maximumAttempts: 1 } };
/** Starts a child that would outlive the command, records both pids, then hangs. */
const HANG = 'sleep 300 & echo $! >> "$WAVE_TEST_MARKERS/pids"; echo $$ >> "$WAVE_TEST_MARKERS/pids"; sleep 300';

test('the fix loop feeds the failing test output back to implement', async () => {
  const h = await harness({
    implement: [
      'mkdir -p src',
      'if [ -n "$WAVE_FEEDBACK" ]; then echo "// fixed after: $WAVE_FEEDBACK" >> "src/$WAVE_DOMAIN.js"; else echo "let x;" > "src/$WAVE_DOMAIN.js"; fi',
    ].join('\n'),
    test: 'if grep -q fixed "src/$WAVE_DOMAIN.js"; then echo "ok 1 - fixed"; else echo "not ok 1 - expected the fix marker"; exit 1; fi',
  });
  const repo = createRepo({ 'README.md': '# app\n' });
  const report = await h.run({ storyId: 'fix-loop', title: 'x', domains: ['api'], workspace: repo, executor: command });
  const api = report.domains[0];
  expect(api).toMatchObject({ status: 'succeeded', attempts: 2, testsPassed: true });
  expect(api?.phases.map((p) => `${p.phase}${p.iteration}`)).toEqual([
    'plan0',
    'review0',
    'implement0',
    'test0',
    'implement1',
    'test1',
  ]);
  expect(api?.phases[3]?.tests).toEqual({ passed: 0, failed: 1, skipped: 0 });
  expect(api?.phases[3]?.feedback).toContain('not ok 1 - expected the fix marker');
  const file = gitIn(repo, 'show', 'wave/fix-loop/api:src/api.js');
  expect(file).toContain('// fixed after: not ok 1 - expected the fix marker');
  expect(gitIn(repo, 'log', '--format=%s', 'wave/fix-loop/api').split('\n').slice(0, 2)).toEqual([
    'wave(fix-loop): api implement (fix 1)',
    'wave(fix-loop): api implement',
  ]);
});

test('test counts come from a TAP report when the command writes one', async () => {
  const h = await harness({
    implement: 'mkdir -p src && echo 1 > "src/$WAVE_DOMAIN.js"',
    test: 'printf "ok 1 - a\\nok 2 - b\\nok 3 - c # SKIP later\\n" > "$WAVE_TEST_REPORT"',
  });
  const report = await h.run({
    title: 'x',
    domains: ['ui'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: command,
  });
  expect(report.tests).toEqual({ passed: 2, failed: 0, skipped: 1 });
});

test('a command that hangs is killed at its timeout, and its children are gone', async () => {
  const h = await harness({ implement: HANG }, 1500);
  const started = Date.now();
  const report = await h.run({
    title: 'x',
    domains: ['ui'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: command,
    policy: once,
  });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(report.domains[0]).toMatchObject({ status: 'failed', error: { type: 'CommandTimedOut' } });
  expect(report.domains[0]?.error?.message).toMatch(/ran longer than 1500 ms and was killed with its children/);
  const pids = pidsIn(join(markers, 'pids'));
  expect(pids).toHaveLength(2);
  await eventually(() => pids.every((pid) => !alive(pid)));
});

test('cancelling a run kills the running commands', async () => {
  const h = await harness({ implement: HANG });
  const handle = await h.start({
    title: 'x',
    domains: ['ui', 'api'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: command,
  });
  await eventually(() => pidsIn(join(markers, 'pids')).length === 4);
  await handle.cancel();
  await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  const pids = pidsIn(join(markers, 'pids'));
  await eventually(() => pids.every((pid) => !alive(pid)), 10_000);
});

test('usage lines count against the budget and stop the domain at its share', async () => {
  const h = await harness({
    implement: [
      'for i in 1 2 3 4 5 6; do echo "WAVE_USAGE {\\"tokens\\":3000,\\"costUsd\\":0.03}"; sleep 0.2; done',
      'touch "$WAVE_TEST_MARKERS/finished"',
    ].join('\n'),
  });
  const report = await h.run({
    title: 'x',
    domains: ['ui'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: command,
    budget: { tokens: 10_000 },
  });
  const ui = report.domains[0];
  expect(ui).toMatchObject({ status: 'budget-exceeded', error: { type: 'BudgetExceeded' } });
  expect(ui?.budgetUsed.tokens).toBe(100 + 4 * 3000); // plan's usage, then the line that crossed the share
  expect(existsSync(join(markers, 'finished'))).toBe(false); // the command was stopped before it finished
});

test('story text with shell metacharacters and quotes reaches the command unchanged and executes nothing', async () => {
  const h = await harness({
    implement:
      'printf "%s" "$WAVE_STORY" > story.txt; printf "%s" "$WAVE_DESCRIPTION" > description.txt; mkdir -p src; touch src/auth.js',
  });
  const pwned = join(markers, 'pwned');
  const title = `Add "login" & 'billing'; $(touch ${pwned}) \`touch ${pwned}\` | rm -rf / > x`;
  const description = `line one\n$HOME \${PATH} && touch ${pwned} || true\n"quoted" 'single' \\backslash`;
  const repo = createRepo({ 'a.md': 'a\n' });
  const report = await h.run({
    storyId: 'metachars',
    title,
    description,
    domains: ['auth'],
    workspace: repo,
    executor: command,
  });
  expect(report.domains[0]?.error).toBeUndefined();
  expect(report.outcome).toBe('succeeded');
  expect(gitIn(repo, 'show', 'wave/metachars/auth:story.txt')).toBe(title);
  expect(execFileSync('git', ['show', 'wave/metachars/auth:description.txt'], { cwd: repo, encoding: 'utf8' })).toBe(
    description,
  );
  expect(existsSync(pwned)).toBe(false);
});

test('a command that does not exist fails the run at once with a clear message', async () => {
  const { dir, data } = commandConfig({ scripts: { implement: 'true' } });
  (data.executors.command.phases.implement as { command: unknown }).command = ['wave-no-such-agent', '--go'];
  const h = await startHarness({ server, executors: executorsFromConfig(parseConfig({ data, baseDir: dir })) });
  harnesses.push(h);
  const handle = await h.start({
    title: 'x',
    domains: ['api'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: command,
  });
  const error = (await handle.result().catch((err: unknown) => err)) as WorkflowFailedError;
  expect(error.cause).toMatchObject({
    type: 'ExecutorMisconfigured',
    message: 'api/implement: command "wave-no-such-agent" does not exist',
  });
});

test('a domain of a later layer starts from its dependencies’ merged branches', async () => {
  const h = await harness({
    implement: [
      'mkdir -p src',
      'if [ "$WAVE_DOMAIN" = ui ]; then test -f src/api.js || { echo "api.js missing"; exit 1; }; fi',
      'echo "module.exports = 1;" > "src/$WAVE_DOMAIN.js"',
    ].join('\n'),
  });
  const repo = createRepo({ 'a.md': 'a\n' });
  const report = await h.run({
    storyId: 'layers',
    title: 'x',
    domains: ['ui', 'api'],
    dependencies: { ui: ['api'] },
    workspace: repo,
    executor: command,
    policy: once,
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.merge?.merged).toEqual(['api', 'ui']);
  expect(gitIn(repo, 'merge-base', '--is-ancestor', 'wave/layers/api', 'wave/layers/ui')).toBe('');
});
