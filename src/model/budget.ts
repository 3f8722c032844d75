import { z } from 'zod';

/** Tokens and dollars: what a phase uses and what a domain is allotted (arithmetic in `workflow-safe/usage.ts`). */
export const UsageSchema = z.object({
  tokens: z.number().int().min(0),
  costUsd: z.number().min(0),
});
export type Usage = z.infer<typeof UsageSchema>;

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
