import { Context } from '@temporalio/activity';
import type { SupervisorSettings } from '../executors/supervisor/config';
import { planWithSupervisor } from '../executors/supervisor/plan-with-supervisor';
import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import type { StoryPlan } from '../model/plan';
import type { StoryRequest } from '../model/story-request';
import { invalidStoryRequest } from '../workflow-safe/failure-types';
import { executorFor } from './executor-lookup';

/**
 * The supervisor: routes the story (with the configured supervisor command, else or when it fails with the worker's
 * catalog and the built-in router) and plans layers and budget shares.
 */
export function createSupervise(deps: {
  catalog: Catalog;
  executors: ExecutorRegistry;
  supervisor?: SupervisorSettings;
}) {
  return async function supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan> {
    const context = Context.current();
    const planned = await planWithSupervisor({
      request: input.request,
      storyId: input.storyId,
      catalog: deps.catalog,
      supervisor: deps.supervisor,
      signal: context.cancellationSignal,
    });
    if (!planned.ok) throw invalidStoryRequest(planned.message);
    const fallback = planned.value.supervisor?.fallback;
    // The plan records it too, but whoever runs the workers should learn that their supervisor is failing.
    if (fallback) {
      context.log.warn('supervisor not used; the built-in router routed the story', {
        storyId: input.storyId,
        fallback,
      });
    }
    const executor = executorFor({ kind: input.request.executor.kind, executors: deps.executors });
    const workspace = await executor.prepareRun?.({
      storyId: input.storyId,
      domains: planned.value.domains.map((d) => d.name),
      ...(input.request.workspace ? { workspace: input.request.workspace } : {}),
    });
    return workspace ? { ...planned.value, workspace } : planned.value;
  };
}
