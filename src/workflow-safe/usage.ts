/**
 * Tokens and dollars: the arithmetic on them and how WAVE prints them. No schemas here: workflow code imports this
 * module, and every workflow evaluates its imports anew (see BENCHMARKS.md); the schema lives in `model/budget.ts`.
 */
import type { Usage } from '../model/budget';

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

/** Dollars as WAVE prints them: three decimals under $1, two above (`$0.048`, `$7.14`). */
export function formatUsd(value: number): string {
  return `$${value.toFixed(value < 1 ? 3 : 2)}`;
}

/** A whole number with thousands separators (`1,200`); the same on every machine, whatever its locale. */
export function formatTokens(value: number): string {
  const [whole = '0', fraction] = String(Math.round(value * 1000) / 1000).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * Usage as WAVE shows it, alone or against an allotment. `text` (the CLI and `wave report`): `1,200/5,000 tok,
 * $0.012/$1.000`; `details` (the Web UI's Markdown tables, kept to plain digits): `1200 / 5000 tok · $0.012 / $1.000`.
 */
export function usageText(input: { used: Usage; allotted?: Usage | undefined; style: 'text' | 'details' }): string {
  const { used, allotted } = input;
  const [tokens, join, sep] =
    input.style === 'text' ? [formatTokens, '/', ', '] : [(value: number) => String(value), ' / ', ' · '];
  return allotted
    ? `${tokens(used.tokens)}${join}${tokens(allotted.tokens)} tok${sep}${formatUsd(used.costUsd)}${join}${formatUsd(allotted.costUsd)}`
    : `${tokens(used.tokens)} tok${sep}${formatUsd(used.costUsd)}`;
}
