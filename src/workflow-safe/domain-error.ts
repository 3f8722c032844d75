import type { DomainResult } from '../model/results';

/** A domain's failure as people read it: `type: message`, and where it happened when that is known. */
export function domainErrorText(result: Pick<DomainResult, 'error' | 'failedAt'>): string {
  if (!result.error) return '';
  const where = result.failedAt
    ? ` (during ${result.failedAt.phase}${result.failedAt.host ? ` on ${result.failedAt.host}` : ''})`
    : '';
  return `${result.error.type}: ${result.error.message}${where}`;
}
