import { Context } from '@temporalio/activity';
import type { ExecutorRegistry, MergeRunInput } from '../executors/types';
import type { MergeResult } from '../shared/merge';
import { noExecutor } from './no-executor';

/** The merge review's work: the executor merges the succeeded domains' branches and runs the full tests. */
export function createMergeReview(deps: { executors: ExecutorRegistry }) {
  return async function mergeReview(input: MergeRunInput & { executor: string }): Promise<MergeResult> {
    const executor = deps.executors[input.executor];
    if (!executor?.mergeRun) throw noExecutor({ kind: input.executor, executors: deps.executors });
    const context = Context.current();
    return executor.mergeRun(
      { storyId: input.storyId, root: input.root, baseCommit: input.baseCommit, domains: input.domains },
      {
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
        log: { info: (m, a) => context.log.info(m, a), warn: (m, a) => context.log.warn(m, a) },
      },
    );
  };
}
