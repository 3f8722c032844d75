/**
 * Tokens an agent run used, split the way providers price them. `input` excludes cached tokens: CLIs that count
 * cached tokens inside their input figure (Codex, Gemini) are converted by their adapter.
 */
export interface TokenCounts {
  /** Fresh input tokens (prompt, tool results), cached ones excluded. */
  input: number;
  /** Output tokens, reasoning ("thoughts") included. */
  output: number;
  /** Input tokens read from the provider's prompt cache. */
  cacheRead: number;
  /** Input tokens written to the provider's prompt cache (Anthropic prices them above fresh input). */
  cacheWrite: number;
}

export const NO_TOKENS: TokenCounts = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

/** Every token the model read or wrote: what counts against a token budget. */
export function totalTokens(counts: TokenCounts): number {
  return counts.input + counts.output + counts.cacheRead + counts.cacheWrite;
}

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
  };
}

/** A non-negative whole number from a CLI's JSON, 0 for anything else. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
