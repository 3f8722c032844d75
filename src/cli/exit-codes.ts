import type { Outcome } from '../shared/outcome';

/** Exit codes of `wave`: 0 succeeded, 1 failed, 2 bad usage or invalid input, 3 partial. */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, partial: 3 } as const;

export function exitCodeFor(outcome: Outcome): number {
  return EXIT[outcome];
}
