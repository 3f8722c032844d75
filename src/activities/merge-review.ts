import { Context } from '@temporalio/activity';
import type { ExecutorRegistry } from '../executors/types';
import type { MergeResult } from '../model/merge';
import type { StoryContext } from '../model/story-context';
import { executorMisconfigured } from '../workflow-safe/failure-types';
import { executorFor } from './executor-lookup';

/** The merge review's work: the executor merges the succeeded domains' branches and runs the full tests. */
export function createMergeReview(deps: { executors: ExecutorRegistry }) {
  return async function mergeReview(input: { story: StoryContext; domains: string[] }): Promise<MergeResult> {
    const { story } = input;
    const executor = executorFor({ kind: story.executor.kind, executors: deps.executors, needs: 'mergeRun' });
    if (!story.workspace) throw executorMisconfigured('the merge review needs a workspace');
    const context = Context.current();
    return executor.mergeRun(
      { storyId: story.storyId, ...story.workspace, domains: input.domains },
      {
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
        log: { info: (m, a) => context.log.info(m, a), warn: (m, a) => context.log.warn(m, a) },
      },
    );
  };
}
