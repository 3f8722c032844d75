import type { Usage } from '../../model/budget';
import { addUsage } from '../../workflow-safe/usage';
import { usageOf } from './output-lines';

/** What a phase attempt heartbeats about its spend: its own so far, and what earlier failed attempts spent. */
export interface SpendDetails {
  usage: Usage;
  carried: Usage;
}

/**
 * What the earlier attempts of this phase spent, from the previous attempt's last heartbeat: a failed attempt's
 * tokens and dollars are real, so the attempt that succeeds reports them with its own and the budget counts them.
 * When this attempt resumes an agent session whose totals already include the previous attempt
 * (`includesPrevious`), only what came before that is carried.
 */
export function carriedSpend(input: { details: unknown; includesPrevious: boolean }): Usage {
  const details = (input.details ?? {}) as Partial<Record<keyof SpendDetails, unknown>>;
  const carried = usageOf(details.carried);
  return input.includesPrevious ? carried : addUsage(carried, usageOf(details.usage));
}
