import type { RunReport } from '../model/report';

/** The remark that goes with a budget whose dollars are partly priced from token counts; '' when none are. */
export function estimatedCostNote(budget: Pick<RunReport['budget'], 'estimatedCost'>): string {
  const names = budget.estimatedCost ?? [];
  return names.length
    ? ` (dollars of ${names.join(', ')} estimated from token counts with the price table: their agent CLI reports no cost)`
    : '';
}
