import type { MergeResult } from './merge';
import type { RunReport } from './report';

/** The merge gate's verdict: approve on its own, reject a failed run, or ask a person. */
export type GateVerdict =
  { decision: 'approved' | 'rejected'; reason: string } | { decision: 'needs-review'; reason: string };

/**
 * The merge review gate: approves when every domain passed its tests, the branches merged without conflict and the
 * merged tests pass; rejects a failed run; anything else needs a person.
 */
export function gateDecision(input: { report: RunReport; merge: MergeResult | undefined }): GateVerdict {
  if (input.report.outcome === 'failed') return { decision: 'rejected', reason: 'the run failed' };
  const notPassed = input.report.domains.filter((d) => d.status !== 'succeeded' || !d.testsPassed).map((d) => d.domain);
  if (notPassed.length)
    return { decision: 'needs-review', reason: `not every domain passed its tests (${notPassed.join(', ')})` };
  const conflicts = input.merge?.conflicts ?? [];
  if (conflicts.length) {
    const text = conflicts
      .map((c) => `${c.domain} with ${c.with.join(', ') || 'the base'} in ${c.files.join(', ')}`)
      .join('; ');
    return { decision: 'needs-review', reason: `merge conflict: ${text}` };
  }
  const tests = input.merge?.tests;
  if (tests && !tests.passed)
    return { decision: 'needs-review', reason: `the merged tests failed (exit code ${tests.exitCode ?? 'none'})` };
  return {
    decision: 'approved',
    reason: 'every domain passed its tests, the branches merged cleanly and the merged tests pass',
  };
}
