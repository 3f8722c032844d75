import type { DomainStatus } from '../model/results';

/** Statuses that count as a failure of the domain itself (not a consequence of another domain's failure). */
export function isFailure(status: DomainStatus | 'pending' | 'running'): boolean {
  return status === 'failed' || status === 'budget-exceeded';
}
