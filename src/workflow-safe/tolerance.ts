import type { ToleratedFailures } from '../model/policy';

/** The number of failures a tolerance allows among `domainCount` domains (percentages round down). */
export function toleratedCount(input: { tolerated: ToleratedFailures; domainCount: number }): number {
  if (typeof input.tolerated === 'number') return input.tolerated;
  return Math.floor((Number.parseFloat(input.tolerated) / 100) * input.domainCount);
}
