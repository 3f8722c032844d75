import { z } from 'zod';
import type { Usage } from './usage';

export * from './usage';

/** Tokens and dollars: what a phase uses and what a domain is allotted. */
export const UsageSchema: z.ZodType<Usage> = z.object({
  tokens: z.number().int().min(0),
  costUsd: z.number().min(0),
});

/** The total budget of one story run. */
export const BudgetSchema = z
  .object({
    /** Total tokens for the whole run. @default 500000 */
    tokens: z.number().int('must be a whole number of tokens').positive('must be more than 0').default(500_000),
    /** Total cost in US dollars for the whole run. @default 25 */
    costUsd: z.number().positive('must be more than 0').default(25),
    /** Wall-clock limit for the whole run in milliseconds; a domain past it stops as `budget-exceeded`. */
    wallClockMs: z.number().int().positive().optional(),
  })
  .strict();
export type Budget = z.infer<typeof BudgetSchema>;
