import type { SearchAttributes } from '@temporalio/workflow';
import { metricMeter, patched, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { StoryProgress } from '../model/progress';
import type { DomainResult } from '../model/results';
import { storyDetailsMarkdown } from '../workflow-safe/details-markdown';
import { isFailure } from '../workflow-safe/domain-status';
import type { WaveStatusValue } from '../workflow-safe/search-attributes';
import {
  WAVE_BUDGET_USED,
  WAVE_DOMAINS,
  WAVE_FAILED_DOMAINS,
  WAVE_STATUS,
  fitKeywordList,
} from '../workflow-safe/search-attributes';
import { ZERO_USAGE, sumUsage } from '../workflow-safe/usage';

/** Marks histories whose runs keep WAVE's search attributes current (older runs replay without the upserts). */
export const VISIBILITY_PATCH = 'wave-visibility';

type SearchAttributeUpdatePair = Exclude<Parameters<typeof upsertSearchAttributes>[0], SearchAttributes>[number];

/** Publishes a story run's state to the Web UI: search attributes, current details and WAVE's metrics. */
export interface RunVisibility {
  /**
   * Brings the current-details table up to date with `progress`, and the search attributes that changed. While
   * domains run, `WaveBudgetUsed` waits for `budget: true` (the end of a layer): an upsert per finished domain would
   * cost an event and a visibility write each.
   */
  publish(options?: { budget?: boolean }): void;
  /** The run ended: the final status (outcome, or `failed`/`cancelled` for the run itself) and the run metric. */
  finish(status: WaveStatusValue): void;
  /** Counts a finished domain (metrics). */
  domainFinished(result: DomainResult): void;
}

/** WAVE's run metrics (created inside the workflow: the meter exists only there). */
function runMetrics() {
  return {
    runs: metricMeter.createCounter('wave_runs', 'runs', 'Story runs finished, by outcome'),
    domains: metricMeter.createCounter('wave_domains', 'domains', 'Domains finished, by domain and status'),
    tokens: metricMeter.createCounter('wave_budget_used_tokens', 'tokens', 'Tokens used, by domain'),
    microUsd: metricMeter.createCounter('wave_budget_used_usd_micros', 'micro-USD', 'Dollars used, by domain'),
  };
}

function statusOf(progress: StoryProgress): WaveStatusValue {
  if (progress.outcome) return progress.outcome;
  return progress.stage === 'awaiting-review' ? 'awaiting-review' : 'running';
}

/**
 * Keeps the run visible while it runs. Search attributes are upserted from the plan on and only when a value changed
 * (each upsert is a history event), and only in runs started with {@link VISIBILITY_PATCH}; the current details are
 * always set.
 */
export function runVisibility(progress: StoryProgress): RunVisibility {
  const upserts = patched(VISIBILITY_PATCH);
  const last = new Map<string, string>();
  const metrics = runMetrics();
  const publish = (input: { status?: WaveStatusValue; budget: boolean }) => {
    setCurrentDetails(storyDetailsMarkdown(progress));
    if (!upserts || (progress.stage === 'planning' && !input.status)) return;
    const used = sumUsage(progress.domains.map((d) => d.budgetUsed ?? ZERO_USAGE)).costUsd;
    const candidates: SearchAttributeUpdatePair[] = [
      { key: WAVE_STATUS, value: input.status ?? statusOf(progress) },
      { key: WAVE_DOMAINS, value: fitKeywordList({ values: progress.domains.map((d) => d.name) }) },
      {
        key: WAVE_FAILED_DOMAINS,
        value: fitKeywordList({
          values: progress.domains.filter((d) => isFailure(d.status)).map((d) => d.name),
        }),
      },
      ...(input.budget || progress.stage !== 'running' ? [{ key: WAVE_BUDGET_USED, value: used }] : []),
    ];
    const changed = candidates.filter((pair) => {
      const text = JSON.stringify(pair.value);
      if (last.get(pair.key.name) === text) return false;
      last.set(pair.key.name, text);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  };
  return {
    publish: (options) => publish({ budget: options?.budget ?? false }),
    finish: (status) => {
      publish({ status, budget: true });
      metrics.runs.add(1, { outcome: status });
    },
    domainFinished: (result) => {
      const tags = { domain: result.domain };
      metrics.domains.add(1, {
        ...tags,
        status: result.status,
        critical: String(result.critical),
        failure: String(isFailure(result.status)),
      });
      metrics.tokens.add(result.budgetUsed.tokens, tags);
      metrics.microUsd.add(Math.round(result.budgetUsed.costUsd * 1e6), tags);
    },
  };
}
