import type { RunReport } from '../../src/model/report';
import type { DomainResult, DomainStatus } from '../../src/model/results';

/** A domain result for pure-module tests. */
export function domainResult(
  input: { domain: string; status?: DomainStatus; critical?: boolean } & Partial<DomainResult>,
): DomainResult {
  return {
    status: 'succeeded',
    critical: false,
    layer: 0,
    filesModified: [],
    testsPassed: true,
    tests: { passed: 3, failed: 0, skipped: 0 },
    budgetAllotted: { tokens: 1000, costUsd: 1 },
    budgetUsed: { tokens: 100, costUsd: 0.1 },
    attempts: 1,
    phases: [],
    ...input,
  };
}

/** What a user compares between two runs of the same story: everything but times, ids and attempt numbers. */
export function reportEssence(report: RunReport) {
  return {
    outcome: report.outcome,
    halted: report.halted,
    domains: report.domains.map((d) => ({
      domain: d.domain,
      status: d.status,
      files: d.filesModified,
      tests: d.tests,
      attempts: d.attempts,
      phases: d.phases.map((p) => `${p.phase}${p.iteration}:${p.summary}`),
    })),
    files: report.aggregatedFiles,
    tests: report.tests,
    merged: report.merge?.merged,
    conflicts: report.merge?.conflicts,
    mergedTests: report.merge?.tests?.passed,
    review: report.review.decision,
  };
}
