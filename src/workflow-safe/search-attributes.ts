import type { SearchAttributeType } from '@temporalio/common';
import { defineSearchAttributeKey } from '@temporalio/common';
import type { RunReport } from '../model/report';

/** Lifecycle of a run as the Web UI filters it (see {@link WAVE_STATUS_VALUES}). */
export const WAVE_STATUS = defineSearchAttributeKey('WaveStatus', 'KEYWORD');
/** The domains of a run. */
export const WAVE_DOMAINS = defineSearchAttributeKey('WaveDomains', 'KEYWORD_LIST');
/** The domains that failed. */
export const WAVE_FAILED_DOMAINS = defineSearchAttributeKey('WaveFailedDomains', 'KEYWORD_LIST');
/** Dollars used so far (updated at the end of each layer and at stage changes). */
export const WAVE_BUDGET_USED = defineSearchAttributeKey('WaveBudgetUsed', 'DOUBLE');

/** Search attribute types as the `temporal` CLI and the Web UI spell them. */
export const SEARCH_ATTRIBUTE_TYPE_NAME: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** Every search attribute WAVE uses, registered on the embedded dev server (and by `wave setup` elsewhere). */
export const WAVE_SEARCH_ATTRIBUTES = [WAVE_STATUS, WAVE_DOMAINS, WAVE_FAILED_DOMAINS, WAVE_BUDGET_USED];

/**
 * The values of `WaveStatus`: `running`, `awaiting-review`, then the outcome (`succeeded`, `partial`, `failed`), or
 * `rejected` when the merge review rejected a run that did not fail, or `cancelled` / `failed` for the run itself.
 */
export const WAVE_STATUS_VALUES = [
  'running',
  'awaiting-review',
  'succeeded',
  'partial',
  'failed',
  'rejected',
  'cancelled',
] as const;
export type WaveStatusValue = (typeof WAVE_STATUS_VALUES)[number];

/** The final `WaveStatus` of a run that produced a report. */
export function finalWaveStatus(report: Pick<RunReport, 'outcome' | 'review'>): WaveStatusValue {
  return report.outcome !== 'failed' && report.review.decision === 'rejected' ? 'rejected' : report.outcome;
}

/** The server's default limit on one search attribute value (`limit.searchAttributeValueSize`, 2 KB). */
export const SEARCH_ATTRIBUTE_VALUE_LIMIT = 2048;

/**
 * A keyword list that fits the search-attribute value limit: as many names as fit, then `+N more`. A value over the
 * limit would make the server terminate the run (`BadSearchAttributes`), so wide fan-outs list only their first
 * domains (the report has them all).
 */
export function fitKeywordList(input: { values: string[]; limit?: number }): string[] {
  const limit = input.limit ?? SEARCH_ATTRIBUTE_VALUE_LIMIT;
  // The JSON of a list is its items' JSON, a comma between items and the two brackets: sized in one pass.
  const sizes = input.values.map((value) => utf8Length(JSON.stringify(value)));
  const total = sizes.reduce((sum, size) => sum + size + 1, 1);
  if (total <= limit) return input.values;
  let used = 1; // "["
  let kept = 0;
  for (const size of sizes) {
    const more = `+${input.values.length - kept - 1} more`;
    if (used + size + 1 + utf8Length(JSON.stringify(more)) + 1 > limit) break;
    used += size + 1;
    kept++;
  }
  return [...input.values.slice(0, kept), `+${input.values.length - kept} more`];
}

/** Bytes of a string in UTF-8 (workflow code has no TextEncoder to rely on). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
