import type { MergeResult } from '../model/merge';
import type { AggregatedReport, MergeReview, RunReport } from '../model/report';

/** The merge gate's verdict: approve on its own, reject a failed run, or escalate to a person. */
export interface GateVerdict {
  decision: 'approved' | 'rejected' | 'escalated';
  reason: string;
}

/**
 * The merge gate: the one place a run's review is decided automatically. A failed run is rejected. With a merged tree
 * (runs that change a repository), it approves when every domain passed its tests, the branches merged without
 * conflict and the merged tests pass. Without one, it approves when every domain succeeded, every test passed and no
 * file was changed by two domains. Anything else is escalated: a person decides (the merge review waits for a
 * `wave review` decision where there is a merged branch to decide on).
 */
export function mergeGate(input: {
  report: Pick<RunReport, 'outcome' | 'domains' | 'allTestsPassed' | 'overlaps'>;
  merge?: MergeResult | undefined;
}): GateVerdict {
  const { report, merge } = input;
  if (report.outcome === 'failed') return { decision: 'rejected', reason: 'the run failed' };
  return merge ? mergedTreeVerdict({ report, merge }) : resultsVerdict(report);
}

function escalated(reason: string): GateVerdict {
  return { decision: 'escalated', reason };
}

/** The evidence of a merged tree: every domain's tests, conflicts, and the merged tests. */
function mergedTreeVerdict(input: { report: Pick<RunReport, 'domains'>; merge: MergeResult }): GateVerdict {
  const notPassed = input.report.domains.filter((d) => d.status !== 'succeeded' || !d.testsPassed).map((d) => d.domain);
  if (notPassed.length) return escalated(`not every domain passed its tests (${notPassed.join(', ')})`);
  const { conflicts, tests } = input.merge;
  if (conflicts.length) {
    const text = conflicts
      .map((c) => `${c.domain} with ${c.with.join(', ') || 'the base'} in ${c.files.join(', ')}`)
      .join('; ');
    return escalated(`merge conflict: ${text}`);
  }
  if (tests && !tests.passed) return escalated(`the merged tests failed (exit code ${tests.exitCode ?? 'none'})`);
  return {
    decision: 'approved',
    reason: 'every domain passed its tests, the branches merged cleanly and the merged tests pass',
  };
}

/** The evidence of the domains' results alone: outcome, tests and files changed by several domains. */
function resultsVerdict(report: Pick<RunReport, 'outcome' | 'allTestsPassed' | 'overlaps'>): GateVerdict {
  if (report.outcome === 'partial') return escalated('some domains did not succeed; a person must decide');
  if (!report.allTestsPassed) return escalated('not every test passed');
  if (report.overlaps.length > 0) return escalated(`${report.overlaps.length} file(s) changed by several domains`);
  return { decision: 'approved', reason: 'every domain succeeded and every test passed' };
}

/** The gate's verdict as the report records it. */
export function gateReview(verdict: GateVerdict): MergeReview {
  return { decision: verdict.decision, by: 'auto-gate', reason: verdict.reason };
}

/** A report whose review is the merge gate's verdict on the domains' results alone (no merged tree to wait on). */
export function withGateReview(report: AggregatedReport): RunReport {
  return { ...report, review: gateReview(mergeGate({ report })) };
}
