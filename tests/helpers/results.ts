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
