import type { Usage } from '../../model/budget';

const USAGE = /^WAVE_USAGE\s+(\{.*\})\s*$/;
const SUMMARY = /^WAVE_SUMMARY\s+(.+)$/;

/** `WAVE_USAGE {"tokens":N,"costUsd":X}` → usage; anything else (or a malformed line) → undefined. */
export function usageFromLine(line: string): Usage | undefined {
  const match = USAGE.exec(line.trim());
  if (!match?.[1]) return undefined;
  try {
    return usageOf(JSON.parse(match[1]));
  } catch {
    return undefined;
  }
}

/** `{tokens, costUsd}` read from JSON someone else wrote: a missing, negative or non-numeric figure counts as 0. */
export function usageOf(value: unknown): Usage {
  const data = (value ?? {}) as { tokens?: unknown; costUsd?: unknown };
  const tokens = typeof data.tokens === 'number' && data.tokens >= 0 ? Math.round(data.tokens) : 0;
  const costUsd = typeof data.costUsd === 'number' && data.costUsd >= 0 ? data.costUsd : 0;
  return { tokens, costUsd };
}

/** `WAVE_SUMMARY text` → text. */
export function summaryFromLine(line: string): string | undefined {
  return SUMMARY.exec(line.trim())?.[1]?.trim();
}

/** The last `max` characters of a command's output, for messages and heartbeats. */
export function lastChars(text: string, max = 2000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}
