/** How a domain ended, and which endings count as its own failure. Schema-free: imported by workflow code. */

export const DOMAIN_STATUSES = ['succeeded', 'failed', 'cancelled', 'skipped', 'budget-exceeded'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/** Statuses that count as a failure of the domain itself (not a consequence of another domain's failure). */
export function isFailure(status: DomainStatus | 'pending' | 'running'): boolean {
  return status === 'failed' || status === 'budget-exceeded';
}
