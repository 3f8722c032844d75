import { z } from 'zod';

/** Tokens and dollars: what a phase uses and what a domain is allotted. */
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

export const ZERO_USAGE: Usage = { tokens: 0, costUsd: 0 };

const CENT_FRACTION = 1e6;

/** Rounds a dollar amount down to a micro-dollar so that shares never add up to more than the total. */
function floorUsd(value: number): number {
  return Math.floor(value * CENT_FRACTION) / CENT_FRACTION;
}

/** Rounds a dollar amount to a micro-dollar (removes float noise from sums). */
export function roundUsd(value: number): number {
  return Math.round(value * CENT_FRACTION) / CENT_FRACTION;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { tokens: a.tokens + b.tokens, costUsd: roundUsd(a.costUsd + b.costUsd) };
}

/** What is left of `allotted` after `used` (never negative). */
export function remaining(input: { allotted: Usage; used: Usage }): Usage {
  return {
    tokens: Math.max(0, input.allotted.tokens - input.used.tokens),
    costUsd: Math.max(0, roundUsd(input.allotted.costUsd - input.used.costUsd)),
  };
}

/** True when `used` is over `allotted` in tokens or in dollars. */
export function isOver(input: { allotted: Usage; used: Usage }): boolean {
  return input.used.tokens > input.allotted.tokens || input.used.costUsd > input.allotted.costUsd + 1e-9;
}

/** True when nothing is left of `allotted` in tokens or in dollars. */
export function isExhausted(input: { allotted: Usage; used: Usage }): boolean {
  const left = remaining(input);
  return left.tokens === 0 || left.costUsd === 0;
}

/**
 * Splits `total` across named parts by weight. Shares are rounded down (whole tokens, micro-dollars), so their sum
 * never exceeds the total.
 */
export function splitByWeight(input: { total: Usage; parts: { name: string; weight: number }[] }): Map<string, Usage> {
  const weightSum = input.parts.reduce((sum, part) => sum + part.weight, 0);
  const shares = new Map<string, Usage>();
  for (const part of input.parts) {
    const fraction = weightSum > 0 ? part.weight / weightSum : 0;
    shares.set(part.name, {
      tokens: Math.floor(input.total.tokens * fraction),
      costUsd: floorUsd(input.total.costUsd * fraction),
    });
  }
  return shares;
}

export function sumUsage(items: Usage[]): Usage {
  return items.reduce(addUsage, ZERO_USAGE);
}
