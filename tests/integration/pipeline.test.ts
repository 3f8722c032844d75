import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { RunReport } from '../../src/model/report';
import type { DomainResult } from '../../src/model/results';
import type { DevServer } from '../../src/temporal/dev-server';
import { countingExecutor } from '../helpers/counting-executor';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

let server: DevServer;
let h: Harness;
const counter = countingExecutor();
beforeAll(async () => {
  server = await startServer();
  h = await startHarness({ server, executors: { simulated: counter.executor } });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

const fast = { maximumAttempts: 3, initialIntervalMs: 50, backoffCoefficient: 1, maximumIntervalMs: 50 };

function domain(report: RunReport, name: string): DomainResult {
  const found = report.domains.find((d) => d.domain === name);
  if (!found) throw new Error(`no ${name} in report`);
  return found;
}

function interval(result: DomainResult): [number, number] {
  const first = result.phases[0];
  const last = result.phases[result.phases.length - 1];
  if (!first || !last) throw new Error(`${result.domain} ran no phase`);
  return [Date.parse(first.startedAt), Date.parse(last.finishedAt)];
}

test('one domain runs plan → review → implement → test and succeeds', async () => {
  const report = await h.run({
    title: 'Reset password by email',
    domains: ['auth'],
    executor: { kind: 'simulated', phaseMs: 10 },
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.halted).toBe(false);
  const auth = domain(report, 'auth');
  expect(auth.phases.map((p) => p.phase)).toEqual(['plan', 'review', 'implement', 'test']);
  expect(auth).toMatchObject({ status: 'succeeded', critical: true, testsPassed: true, attempts: 1 });
  expect(report.simulated).toBe(true);
  expect(auth.phases.every((p) => p.summary.startsWith('[simulated]'))).toBe(true);
});

test('several domains really run at the same time', async () => {
  const start = Date.now();
  const report = await h.run({
    title: 'Add Google login, Stripe checkout and an avatar upload on the profile page',
    domains: ['auth', 'payments', 'profile'],
    executor: { kind: 'simulated', phaseMs: 400 },
  });
  const wall = Date.now() - start;
  expect(report.outcome).toBe('succeeded');
  const intervals = report.domains.map(interval);
  const latestStart = Math.max(...intervals.map(([s]) => s));
  const earliestEnd = Math.min(...intervals.map(([, e]) => e));
  expect(latestStart).toBeLessThan(earliestEnd); // every domain's work overlaps every other's
  expect(wall).toBeLessThan(3 * 4 * 400); // far from running the three one after another
});

test('maxParallelDomains bounds how many domains run at once', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api', 'ui', 'profile', 'data'],
    policy: { maxParallelDomains: 2 },
    executor: { kind: 'simulated', phaseMs: 150 },
  });
  const intervals = report.domains.map(interval);
  const most = Math.max(...intervals.map(([s]) => intervals.filter(([s2, e2]) => s2 <= s && s < e2).length));
  expect(most).toBe(2);
});

test('a story that routes nowhere fails at once with InvalidStoryRequest', async () => {
  const handle = await h.start({ title: 'Update the copyright notice wording' });
  const error = await handle.result().catch((err: unknown) => err);
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('InvalidStoryRequest');
  expect(cause?.message).toMatch(/routes to no domain/);
  const history = await handle.fetchHistory();
  const retries = (history.events ?? []).filter(
    (e) => e.activityTaskStartedEventAttributes?.attempt && e.activityTaskStartedEventAttributes.attempt > 1,
  );
  expect(retries).toHaveLength(0);
});

test('an invalid request sent straight to the workflow fails with a message naming the field', async () => {
  const handle = await h.start({ title: 'Add login', budget: { tokens: -1 } } as never);
  const error = (await handle.result().catch((err: unknown) => err)) as WorkflowFailedError;
  expect((error.cause as ApplicationFailure).type).toBe('InvalidStoryRequest');
  expect(error.cause?.message).toMatch(/budget\.tokens: must be more than 0/);
});

test('files are merged and overlaps reported with their domains', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['auth', 'profile'],
    executor: {
      kind: 'simulated',
      phaseMs: 10,
      domains: {
        auth: { files: ['src/auth/login.ts', 'src/shared/user.ts'] },
        profile: { files: ['src/profile/avatar.ts', 'src/shared/user.ts'] },
      },
    },
  });
  expect(report.aggregatedFiles.map((f) => f.path)).toEqual([
    'src/auth/login.ts',
    'src/profile/avatar.ts',
    'src/shared/user.ts',
  ]);
  expect(report.overlaps).toEqual([{ path: 'src/shared/user.ts', owner: 'auth', domains: ['auth', 'profile'] }]);
  expect(report.review.decision).toBe('escalated');
});

test('test results are aggregated and a failing test is detected', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api', 'ui'],
    policy: { maxFixAttempts: 0, toleratedFailures: 1 },
    executor: { kind: 'simulated', phaseMs: 10, domains: { api: { tests: 10 }, ui: { tests: 4, failingTestRuns: 1 } } },
  });
  expect(report.tests).toEqual({ passed: 13, failed: 1, skipped: 0 });
  expect(report.allTestsPassed).toBe(false);
  expect(domain(report, 'ui')).toMatchObject({ status: 'failed', testsPassed: false, error: { type: 'TestsFailed' } });
  expect(report.outcome).toBe('partial');
});

test('the fix loop re-runs implement with the test feedback until tests pass', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api'],
    executor: { kind: 'simulated', phaseMs: 10, domains: { api: { failingTestRuns: 2 } } },
  });
  const api = domain(report, 'api');
  expect(api.status).toBe('succeeded');
  expect(api.attempts).toBe(3);
  expect(api.phases.map((p) => `${p.phase}${p.iteration}`)).toEqual([
    'plan0',
    'review0',
    'implement0',
    'test0',
    'implement1',
    'test1',
    'implement2',
    'test2',
  ]);
  expect(api.phases[4]?.summary).toContain('addressing: FAIL tests/api.test.ts');
});

test('the fix loop stops after maxFixAttempts and the domain fails', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api'],
    policy: { maxFixAttempts: 2 },
    executor: { kind: 'simulated', phaseMs: 10, domains: { api: { failingTestRuns: 10 } } },
  });
  const api = domain(report, 'api');
  expect(api.phases.filter((p) => p.phase === 'test')).toHaveLength(3);
  expect(api).toMatchObject({ status: 'failed', attempts: 3, error: { type: 'TestsFailed' } });
  expect(report.outcome).toBe('failed'); // one non-critical failure, none tolerated
});

test('a transient failure is retried and earlier phases are not run again', async () => {
  const storyId = `retry-${Date.now()}`;
  const report = await h.run({
    storyId,
    title: 'x',
    domains: ['ui'],
    policy: { retry: fast },
    executor: {
      kind: 'simulated',
      phaseMs: 10,
      domains: { ui: { failures: [{ phase: 'implement', kind: 'transient', attempts: 2 }] } },
    },
  });
  expect(report.outcome).toBe('succeeded');
  expect(counter.count(`${storyId}/ui/plan`)).toBe(1);
  expect(counter.count(`${storyId}/ui/review`)).toBe(1);
  expect(counter.count(`${storyId}/ui/implement`)).toBe(3);
  expect(counter.count(`${storyId}/ui/test`)).toBe(1);
  expect(domain(report, 'ui').phases.find((p) => p.phase === 'implement')?.attempt).toBe(3);
});

test('a domain error becomes a failed DomainResult; a non-critical failure within tolerance gives partial', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['auth', 'ui'],
    policy: { toleratedFailures: 1 },
    executor: {
      kind: 'simulated',
      phaseMs: 10,
      domains: { ui: { failures: [{ phase: 'implement', kind: 'permanent' }] } },
    },
  });
  expect(report.outcome).toBe('partial');
  expect(report.halted).toBe(false);
  const ui = domain(report, 'ui');
  expect(ui.status).toBe('failed');
  expect(ui.error).toEqual({
    type: 'SimulatedPermanentFailure',
    message: '[simulated] permanent failure in ui/implement',
  });
  expect(ui.phases.map((p) => p.phase)).toEqual(['plan', 'review']);
  expect(report.failedDomains).toEqual(['ui']);
  expect(domain(report, 'auth').status).toBe('succeeded');
});

test('a rejected review fails the domain with PhaseRejected', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['profile'],
    policy: { toleratedFailures: 1 },
    executor: { kind: 'simulated', phaseMs: 10, domains: { profile: { rejectPlan: true } } },
  });
  expect(domain(report, 'profile')).toMatchObject({ status: 'failed', error: { type: 'PhaseRejected' } });
});

test('a critical failure fails and halts the run, cancels running siblings and skips later layers', async () => {
  const slowAfterReview = { plan: 50, review: 50, implement: 20_000, test: 50 };
  const report = await h.run({
    title: 'x',
    domains: ['auth', 'ui', 'profile', 'api'],
    dependencies: { api: ['ui'] },
    policy: { toleratedFailures: 5 },
    executor: {
      kind: 'simulated',
      domains: {
        auth: { phaseMs: { plan: 50, review: 50, implement: 1500 }, failures: [{ phase: 'test', kind: 'permanent' }] },
        ui: { phaseMs: slowAfterReview },
        profile: { phaseMs: slowAfterReview },
      },
    },
  });
  expect(report.outcome).toBe('failed');
  expect(report.halted).toBe(true);
  expect(report.reason).toMatch(/critical domain auth failed/);
  expect(domain(report, 'auth').status).toBe('failed');
  for (const name of ['ui', 'profile']) {
    const sibling = domain(report, name);
    expect(sibling.status).toBe('cancelled');
    expect(sibling.phases.map((p) => p.phase)).toEqual(['plan', 'review']); // finished phases are kept
  }
  expect(domain(report, 'api')).toMatchObject({ status: 'skipped', phases: [] });
  expect(report.durationMs).toBeLessThan(15_000); // the 20 s implement phases were really stopped
});

test('without failFast, running siblings finish but later layers are still skipped', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['auth', 'ui', 'api'],
    dependencies: { api: ['ui'] },
    policy: { failFast: false },
    executor: {
      kind: 'simulated',
      phaseMs: 100,
      domains: { auth: { failures: [{ phase: 'plan', kind: 'permanent' }] } },
    },
  });
  expect(report).toMatchObject({ outcome: 'failed', halted: true });
  expect(domain(report, 'ui').status).toBe('succeeded');
  expect(domain(report, 'api').status).toBe('skipped');
});

test('layers run in order: a dependant starts after its dependency finished', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['ui', 'api'],
    dependencies: { ui: ['api'] },
    executor: { kind: 'simulated', phaseMs: 50 },
  });
  expect(report.outcome).toBe('succeeded');
  const [, apiEnd] = interval(domain(report, 'api'));
  const [uiStart] = interval(domain(report, 'ui'));
  expect(uiStart).toBeGreaterThanOrEqual(apiEnd);
  expect(domain(report, 'ui').layer).toBe(1);
});

test('a domain whose dependency failed is skipped', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['ui', 'api'],
    dependencies: { ui: ['api'] },
    policy: { toleratedFailures: 2 },
    executor: {
      kind: 'simulated',
      phaseMs: 10,
      domains: { api: { failures: [{ phase: 'plan', kind: 'permanent' }] } },
    },
  });
  expect(domain(report, 'ui')).toMatchObject({ status: 'skipped', error: { type: 'DependencyFailed' } });
  expect(report.outcome).toBe('partial');
});

test('a domain over its share stops as budget-exceeded and the total is never exceeded', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api', 'ui'],
    budget: { tokens: 10_000, costUsd: 100 },
    policy: { toleratedFailures: 2 },
    executor: {
      kind: 'simulated',
      phaseMs: 10,
      tokensPerPhase: 1000,
      domains: { ui: { tokens: { implement: 9000 } } },
    },
  });
  const ui = domain(report, 'ui');
  expect(ui.status).toBe('budget-exceeded');
  expect(ui.error?.type).toBe('BudgetExceeded');
  expect(ui.budgetUsed.tokens).toBeLessThanOrEqual(ui.budgetAllotted.tokens);
  expect(ui.phases.map((p) => p.phase)).toEqual(['plan', 'review', 'implement']);
  expect(domain(report, 'api').status).toBe('succeeded');
  expect(report.budget.used.tokens).toBeLessThanOrEqual(10_000);
  expect(report.budget.used.tokens).toBe(ui.budgetUsed.tokens + domain(report, 'api').budgetUsed.tokens);
});

test('unused share of a finished layer flows to the next layer', async () => {
  const report = await h.run({
    title: 'x',
    domains: ['api', 'ui'],
    dependencies: { ui: ['api'] },
    budget: { tokens: 100_000, costUsd: 10 },
    executor: { kind: 'simulated', phaseMs: 10, tokensPerPhase: 1000 },
  });
  const api = domain(report, 'api');
  const ui = domain(report, 'ui');
  expect(api.budgetAllotted.tokens).toBe(50_000);
  expect(ui.budgetAllotted.tokens).toBe(50_000 + (50_000 - api.budgetUsed.tokens));
  expect(api.budgetUsed.tokens + ui.budgetAllotted.tokens).toBeLessThanOrEqual(100_000);
});
