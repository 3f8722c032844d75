import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCliHarness, wave } from '../helpers/cli';
import type { Harness } from '../helpers/harness';

let h: Harness;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'wave-cli-'));

let close: (() => Promise<void>) | undefined;
beforeAll(async () => ({ h, env, close } = await startCliHarness()));
afterAll(() => close?.());

function requestFile(name: string, request: object): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(request));
  return path;
}

const permanent = (phase: string) => ({ failures: [{ phase, kind: 'permanent' }] });

test('wave run prints the report and exits 0 when the run succeeds', async () => {
  const result = await wave({ args: ['run', 'Add Google login and Stripe checkout', '--phase-ms', '200'], env });
  expect(result.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Outcome: SUCCEEDED/);
  expect(result.stdout).toMatch(/auth\s+yes\s+succeeded/);
  expect(result.stdout).toMatch(/payments\s+yes\s+succeeded/);
  expect(result.stderr).toMatch(/auth: succeeded/); // plain progress lines when not on a terminal
});

test('a partial run exits 3 and a failed run exits 1', async () => {
  const partial = requestFile('partial', {
    executor: { kind: 'simulated', phaseMs: 10, domains: { ui: permanent('plan') } },
  });
  const p = await wave({
    args: ['run', 'Add login and a dashboard', '--domains', 'auth,ui', '--tolerate', '1', '--request', partial],
    env,
  });
  expect(p.stdout).toMatch(/Outcome: PARTIAL/);
  expect(p.code).toBe(3);
  const failed = requestFile('failed', {
    executor: { kind: 'simulated', phaseMs: 10, domains: { auth: permanent('review') } },
  });
  const f = await wave({
    args: ['run', 'Add login', '--domains', 'auth,ui', '--request', failed, '--output', 'json'],
    env,
  });
  expect(f.code).toBe(1);
  expect(JSON.parse(f.stdout)).toMatchObject({ outcome: 'failed', halted: true, failedDomains: ['auth'] });
});

test.each([
  [['run', 'Add login', '--budget-tokens=-5'], /^wave: invalid story request: budget\.tokens: must be more than 0$/],
  [['run', 'Add login', '--budget-tokens', '-5'], /^wave: Option '--budget-tokens' argument is ambiguous/],
  [['run', 'Add login', '--budget-usd', 'lots'], /^wave: --budget-usd must be a number, not "lots"$/],
  [
    ['run', 'Update the copyright notice wording'],
    /^wave: invalid story request: title: the story routes to no domain/,
  ],
  [
    ['run', 'Add login', '--domains', 'auth,billing'],
    /^wave: invalid story request: domains: unknown domain "billing"/,
  ],
  [['run', 'Add login', '--tolerate', '150%'], /policy\.toleratedFailures: must be at most 100%/],
  [['run', 'Add login', '--id', 'Not Valid'], /storyId: must be 1-64 characters/],
  [['run', 'Add login', '--frobnicate'], /^wave: Unknown option '--frobnicate'/],
  [['run'], /^wave: missing the story text/],
  [['explode'], /^wave: unknown command "explode"/],
  [['status', 'no-such-story'], /^wave: no story with id no-such-story$/],
])('wave %j exits 2 with one clear line', async (args, message) => {
  const result = await wave({ args, env });
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(message);
});

test('an unreachable server is a clear error, not a hang', async () => {
  const result = await wave({ args: ['list'], env: { ...env, TEMPORAL_ADDRESS: '127.0.0.1:1' } });
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toMatch(/^wave: cannot reach Temporal at 127\.0\.0\.1:1/);
});

test('wave plan --output json prints the plan without a server', async () => {
  const result = await wave({
    args: ['plan', 'Refund invoices and show receipts on the billing page', '--output', 'json'],
  });
  expect(result.code).toBe(0);
  const plan = JSON.parse(result.stdout);
  expect(plan.domains.map((d: { name: string }) => d.name)).toContain('payments');
  expect(plan.domains[0].reason).toMatch(/matched/);
});

test('--detach returns the id at once; status follows the run to its report; the id cannot be reused', async () => {
  const id = `detached-${Date.now()}`;
  const started = await wave({
    args: ['run', 'Add login', '--domains', 'auth', '--phase-ms', '1500', '--id', id, '--detach', '--output', 'json'],
    env,
  });
  expect(started.code).toBe(0);
  expect(JSON.parse(started.stdout)).toMatchObject({ storyId: id, workflowId: `wave-${id}` });
  const live = await wave({ args: ['status', id], env });
  expect(live.code).toBe(0);
  expect(live.stdout).toMatch(new RegExp(`${id} · (planning|running)`));
  await h.client.workflow.getHandle(`wave-${id}`).result();
  const done = await wave({ args: ['status', id], env });
  expect(done.code).toBe(0);
  expect(done.stdout).toMatch(/Outcome: SUCCEEDED/);
  const again = await wave({ args: ['run', 'Add login', '--domains', 'auth', '--id', id], env });
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(new RegExp(`story ${id} already exists \\(completed\\)`));
  const listed = await wave({ args: ['list', '--output', 'json'], env });
  expect(JSON.parse(listed.stdout).map((r: { storyId: string }) => r.storyId)).toContain(id);
});

test('wave cancel stops a running story; its domains end cancelled', async () => {
  const id = `cancel-${Date.now()}`;
  await wave({
    args: ['run', 'Add login', '--domains', 'auth,ui', '--phase-ms', '20000', '--id', id, '--detach'],
    env,
  });
  const handle = h.client.workflow.getHandle(`wave-${id}`);
  await waitFor(async () => (await handle.query('progress').catch(() => undefined)) !== undefined);
  const cancelled = await wave({ args: ['cancel', id], env });
  expect(cancelled.code).toBe(0);
  await expect(handle.result()).rejects.toThrow();
  expect((await handle.describe()).status.name).toBe('CANCELLED');
  for (const domain of ['auth', 'ui']) {
    const child = h.client.workflow.getHandle(`wave-${id}/${domain}`);
    expect(await child.result()).toMatchObject({ status: 'cancelled' });
  }
  const status = await wave({ args: ['status', id], env });
  expect(status.code).toBe(1);
  expect(status.stdout).toMatch(/cancelled/);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
