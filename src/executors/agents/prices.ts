import { z } from 'zod';
import type { TokenCounts } from './token-counts';

/** US dollars per million tokens of one model. */
export const ModelPriceSchema = z
  .object({
    input: z.number().min(0),
    output: z.number().min(0),
    /** Cached input read; @default the input price */
    cachedInput: z.number().min(0).optional(),
    /** Input written to the prompt cache; @default the input price */
    cacheWrite: z.number().min(0).optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** The price table: model name (or the start of one, e.g. `claude-sonnet-4-5`) → price. */
export type PriceTable = Record<string, ModelPrice>;

/** When the shipped prices were read from the providers' public price lists. */
export const DEFAULT_PRICES_AS_OF = '2025-11-20';

/**
 * List prices (standard tier, prompts under 200k tokens) as published by Anthropic, OpenAI and Google on
 * `DEFAULT_PRICES_AS_OF`. Prices change: override or add models in `executors.command.prices`.
 */
export const DEFAULT_PRICES: PriceTable = {
  'claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 },
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'gemini-3-pro': { input: 2, output: 12, cachedInput: 0.2 },
  'gemini-2.5-pro': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.03 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cachedInput: 0.01 },
};

/**
 * The price of `model`: an exact entry, else the longest entry the model's name starts with
 * (`claude-sonnet-4-5-20250929` → `claude-sonnet-4`; `gpt-5-codex` → `gpt-5`). Undefined when nothing matches.
 */
export function priceOf(input: { model: string; prices: PriceTable }): ModelPrice | undefined {
  const exact = input.prices[input.model];
  if (exact) return exact;
  const prefix = Object.keys(input.prices)
    .filter((name) => input.model.startsWith(name) && /^[-.@:_/]/.test(input.model.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : input.prices[prefix];
}

/** Dollars for `tokens` at `price`. */
export function costOf(input: { tokens: TokenCounts; price: ModelPrice }): number {
  const { tokens, price } = input;
  const perToken =
    tokens.input * price.input +
    tokens.output * price.output +
    tokens.cacheRead * (price.cachedInput ?? price.input) +
    tokens.cacheWrite * (price.cacheWrite ?? price.input);
  return perToken / 1_000_000;
}
