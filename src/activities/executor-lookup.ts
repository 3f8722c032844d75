import type { Executor, ExecutorRegistry } from '../executors/types';
import { executorMisconfigured } from '../workflow-safe/failure-types';

/**
 * The executor of `kind` on this worker, or a non-retryable `ExecutorMisconfigured` failure naming what the worker
 * has. `needs` names a method the caller requires (e.g. `mergeRun`, which a simulated executor lacks).
 */
export function executorFor<Needs extends keyof Executor = never>(input: {
  kind: string;
  executors: ExecutorRegistry;
  needs?: Needs;
}): Executor & Required<Pick<Executor, Needs>> {
  const executor = input.executors[input.kind];
  if (executor && (!input.needs || executor[input.needs]))
    return executor as Executor & Required<Pick<Executor, Needs>>;
  const hint = input.kind === 'command' ? ' (configure executors.command in wave.config.json)' : '';
  throw executorMisconfigured(
    `no "${input.kind}" executor on this worker${hint}; it has: ${Object.keys(input.executors).join(', ')}`,
  );
}
