import { Context } from '@temporalio/activity';
import type { ExecutorRegistry } from '../executors/types';
import type { ApprovalHook, RunReport } from '../model/report';
import type { StoryContext } from '../model/story-context';
import { executorFor } from './executor-lookup';

/** After approval: the executor's `onApproved` command (e.g. opening a pull request), on whichever worker takes it. */
export function createAfterApproval(deps: { executors: ExecutorRegistry }) {
  return async function afterApproval(input: {
    story: StoryContext;
    report: RunReport;
  }): Promise<ApprovalHook | undefined> {
    const { story } = input;
    const executor = executorFor({ kind: story.executor.kind, executors: deps.executors });
    if (!executor.afterApproval || !story.workspace) return undefined;
    const context = Context.current();
    return executor.afterApproval(
      { storyId: story.storyId, title: story.title, ...story.workspace, report: input.report },
      {
        heartbeat: (details) => context.heartbeat(details),
        signal: context.cancellationSignal,
        log: { info: (m, a) => context.log.info(m, a), warn: (m, a) => context.log.warn(m, a) },
      },
    );
  };
}
