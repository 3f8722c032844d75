import { defineSearchAttributeKey } from '@temporalio/common';

/** Lifecycle of a run as the Web UI filters it: `running`, `succeeded`, `partial`, `failed`. */
export const WAVE_STATUS = defineSearchAttributeKey('WaveStatus', 'KEYWORD');
/** The domains of a run. */
export const WAVE_DOMAINS = defineSearchAttributeKey('WaveDomains', 'KEYWORD_LIST');
/** The domains that failed. */
export const WAVE_FAILED_DOMAINS = defineSearchAttributeKey('WaveFailedDomains', 'KEYWORD_LIST');
/** Dollars used so far. */
export const WAVE_BUDGET_USED = defineSearchAttributeKey('WaveBudgetUsed', 'DOUBLE');

/** Every search attribute WAVE uses, registered on the embedded dev server (and by `wave setup` elsewhere). */
export const WAVE_SEARCH_ATTRIBUTES = [WAVE_STATUS, WAVE_DOMAINS, WAVE_FAILED_DOMAINS, WAVE_BUDGET_USED];

/** The values of `WaveStatus`: `running`, `awaiting-review`, then the outcome, or `cancelled` / `failed` for the run. */
export const WAVE_STATUS_VALUES = [
  'running',
  'awaiting-review',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
] as const;
export type WaveStatusValue = (typeof WAVE_STATUS_VALUES)[number];
