import type { Policy } from '../model/policy';
import type { Outcome } from '../model/report';
import type { DomainResult } from '../model/results';
import { isFailure } from './domain-status';
import { toleratedCount } from './tolerance';

/** The policy's verdict on the domains finished so far. */
export interface Verdict {
  outcome: Outcome;
  /** The policy stopped the run: later layers are skipped (and, with `failFast`, running siblings cancelled). */
  halted: boolean;
  /** Why the run failed or halted, for people. */
  reason?: string;
}

/**
 * Applies the partial-failure policy: a critical failure fails and halts the run; non-critical failures are
 * tolerated up to `toleratedFailures` (count or percentage of the planned domains), beyond that the run fails and
 * halts; anything short of every domain succeeding is `partial`.
 */
export function evaluatePolicy(input: { results: DomainResult[]; policy: Policy; plannedDomains: number }): Verdict {
  const failures = input.results.filter((result) => isFailure(result.status));
  // A critical domain that never ran (its dependency failed) is as bad as a critical domain that failed.
  const critical = input.results.filter((r) => r.critical && (isFailure(r.status) || r.status === 'skipped'));
  const firstCritical = critical[0];
  if (firstCritical) {
    return {
      outcome: 'failed',
      halted: true,
      reason: `critical domain ${firstCritical.domain} ${describe(firstCritical)}`,
    };
  }
  const tolerated = toleratedCount({ tolerated: input.policy.toleratedFailures, domainCount: input.plannedDomains });
  if (failures.length > tolerated) {
    return {
      outcome: 'failed',
      halted: true,
      reason: `${failures.length} non-critical domain(s) failed (${failures.map((r) => r.domain).join(', ')}), ${tolerated} tolerated`,
    };
  }
  const unfinished = input.results.filter((result) => result.status !== 'succeeded');
  if (unfinished.length > 0) {
    return {
      outcome: 'partial',
      halted: false,
      reason: `${unfinished.map((r) => `${r.domain} ${r.status}`).join(', ')}`,
    };
  }
  return { outcome: 'succeeded', halted: false };
}

function describe(result: DomainResult): string {
  return result.error ? `${result.status}: ${result.error.message}` : result.status;
}
