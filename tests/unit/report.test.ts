import { buildReport } from '../../src/activities/build-report';
import type { StoryPlan } from '../../src/model/plan';
import { PolicySchema } from '../../src/model/policy';
import { withGateReview } from '../../src/workflow-safe/merge-gate';
import { evaluatePolicy } from '../../src/workflow-safe/policy-verdict';
import { domainResult } from '../helpers/results';

const plan: StoryPlan = {
  storyId: 's1',
  title: 'Add login and profile',
  routedBy: 'router',
  domains: ['auth', 'profile', 'ui'].map((name, i) => ({
    name,
    critical: name === 'auth',
    layer: 0,
    weight: 1,
    dependsOn: [],
    budget: { tokens: 1000, costUsd: 1 },
    reason: `r${i}`,
  })),
  layers: [['auth', 'profile', 'ui']],
  budget: { tokens: 3000, costUsd: 3 },
};

function report(results: ReturnType<typeof domainResult>[]) {
  const verdict = evaluatePolicy({ results, policy: PolicySchema.parse({ toleratedFailures: 1 }), plannedDomains: 3 });
  // The story workflow's merge gate decides the review of a run without a merged tree.
  return withGateReview(
    buildReport({
      plan,
      results,
      verdict,
      executor: 'simulated',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:02.500Z',
    }),
  );
}

describe('aggregate report', () => {
  test('files are merged by owning domain and overlaps name every domain', () => {
    const r = report([
      domainResult({ domain: 'ui', filesModified: ['src/shared/user.ts', 'src/ui/login.tsx'] }),
      domainResult({ domain: 'auth', filesModified: ['src/auth/login.ts', 'src/shared/user.ts'] }),
      domainResult({ domain: 'profile', filesModified: ['src/profile/page.ts'] }),
    ]);
    expect(r.domains.map((d) => d.domain)).toEqual(['auth', 'profile', 'ui']);
    expect(r.aggregatedFiles).toHaveLength(4);
    expect(r.overlaps).toEqual([{ path: 'src/shared/user.ts', owner: 'auth', domains: ['auth', 'ui'] }]);
    expect(r.filesByDomain.ui).toEqual(['src/shared/user.ts', 'src/ui/login.tsx']);
    expect(r.review.decision).toBe('escalated');
    expect(r.durationMs).toBe(2500);
  });

  test('test counts are summed and a failing test is detected', () => {
    const passing = report([domainResult({ domain: 'auth' }), domainResult({ domain: 'ui' })]);
    expect(passing.tests).toEqual({ passed: 6, failed: 0, skipped: 0 });
    expect(passing.allTestsPassed).toBe(true);
    const failing = report([
      domainResult({ domain: 'auth' }),
      domainResult({ domain: 'ui', status: 'failed', testsPassed: false, tests: { passed: 2, failed: 1, skipped: 1 } }),
    ]);
    expect(failing.tests).toEqual({ passed: 5, failed: 1, skipped: 1 });
    expect(failing.allTestsPassed).toBe(false);
    expect(failing.failedDomains).toEqual(['ui']);
    expect(failing.outcome).toBe('partial');
  });

  test('budget is combined per domain and in total', () => {
    const r = report([
      domainResult({ domain: 'auth', budgetUsed: { tokens: 700, costUsd: 0.7 } }),
      domainResult({ domain: 'ui', budgetUsed: { tokens: 250, costUsd: 0.1 } }),
    ]);
    expect(r.budget.allotted).toEqual({ tokens: 3000, costUsd: 3 });
    expect(r.budget.used).toEqual({ tokens: 950, costUsd: 0.8 });
    expect(r.budget.perDomain.map((d) => d.domain)).toEqual(['auth', 'ui']);
  });

  test('a failed critical domain fails and halts the run, and the gate rejects it', () => {
    const r = report([
      domainResult({ domain: 'auth', critical: true, status: 'failed' }),
      domainResult({ domain: 'ui', status: 'cancelled' }),
    ]);
    expect(r).toMatchObject({ outcome: 'failed', halted: true, review: { decision: 'rejected' } });
  });

  test('a clean run is approved by the automatic gate', () => {
    expect(report([domainResult({ domain: 'auth' })]).review.decision).toBe('approved');
  });
});
