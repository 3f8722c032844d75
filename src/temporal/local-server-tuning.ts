/**
 * Dynamic config for the local dev servers WAVE starts (embedded server, tests, benchmarks).
 *
 * A dev server has a single history shard, and each shard's queue processors read new tasks at most 20 times a
 * second by default. Every workflow and activity task goes through the transfer queue, so on one shard each task
 * waited about 45 ms before a worker could pick it up, and a 3-domain story took 550 ms end to end. Lifting these
 * read limits takes it to about 150 ms (see BENCHMARKS.md). A production cluster has many shards and its own config;
 * WAVE never changes it.
 */
export const LOCAL_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  'history.transferProcessorMaxPollRPS': 10_000,
  'history.visibilityProcessorMaxPollRPS': 10_000,
  'history.timerProcessorMaxPollRPS': 10_000,
};

/** `temporal server start-dev` flags that apply {@link LOCAL_SERVER_DYNAMIC_CONFIG}. */
export function localServerTuningArgs(): string[] {
  return Object.entries(LOCAL_SERVER_DYNAMIC_CONFIG).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${value}`,
  ]);
}
