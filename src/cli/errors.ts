import type { RunReport } from '../model/report';

/** Exit codes of `wave`: 0 succeeded, 1 failed (or rejected by the merge review), 2 bad usage or input, 3 partial. */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, partial: 3 } as const;

export function exitCodeFor(report: Pick<RunReport, 'outcome' | 'review'>): number {
  return report.review.decision === 'rejected' ? EXIT.failed : EXIT[report.outcome];
}
