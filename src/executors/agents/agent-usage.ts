import type { Usage } from '../../model/budget';
import { roundUsd } from '../../workflow-safe/usage';
import type { AgentReading } from './adapter';
import type { PriceTable } from './prices';
import { costOf, priceOf } from './prices';
import { totalTokens } from './token-counts';

/** What an agent run has used so far, in budget terms. */
export interface AgentUsage {
  usage: Usage;
  /** The dollars were priced from tokens with the price table, not reported by the CLI. */
  estimated: boolean;
  /** A model that used tokens and has no price (when the CLI reports no cost either). */
  unpricedModel?: string;
}

/**
 * Tokens and dollars of a reading. The CLI's own dollar figure wins; without one each model's tokens are priced
 * (tokens the CLI reports without a model are the configured `model`'s).
 */
export function agentUsage(input: { reading: AgentReading; prices: PriceTable; model?: string }): AgentUsage {
  const entries = Object.entries(input.reading.tokensByModel);
  const tokens = entries.reduce((sum, [, counts]) => sum + totalTokens(counts), 0);
  if (input.reading.reportedCostUsd !== undefined)
    return { usage: { tokens, costUsd: roundUsd(input.reading.reportedCostUsd) }, estimated: false };
  let costUsd = 0;
  let unpricedModel: string | undefined;
  for (const [name, counts] of entries) {
    if (totalTokens(counts) === 0) continue;
    const model = name || input.model;
    const price = model === undefined ? undefined : priceOf({ model, prices: input.prices });
    if (price) costUsd += costOf({ tokens: counts, price });
    else unpricedModel ??= model ?? '(the CLI names no model; set "model")';
  }
  return {
    usage: { tokens, costUsd: roundUsd(costUsd) },
    estimated: true,
    ...(unpricedModel !== undefined ? { unpricedModel } : {}),
  };
}
