import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import type { StoryPlan } from '../model/plan';
import type { StoryRequest } from '../model/story-request';
import { planStory } from '../planning/plan-story';
import { invalidStoryRequest } from '../workflow-safe/failure-types';
import { executorFor } from './executor-lookup';

/** The supervisor: routes the story with the worker's catalog and plans layers and budget shares. */
export function createSupervise(deps: { catalog: Catalog; executors: ExecutorRegistry }) {
  return async function supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan> {
    const planned = planStory({ request: input.request, storyId: input.storyId, catalog: deps.catalog });
    if (!planned.ok) throw invalidStoryRequest(planned.message);
    const executor = executorFor({ kind: input.request.executor.kind, executors: deps.executors });
    const workspace = await executor.prepareRun?.({
      storyId: input.storyId,
      domains: planned.value.domains.map((d) => d.name),
      ...(input.request.workspace ? { workspace: input.request.workspace } : {}),
    });
    return workspace ? { ...planned.value, workspace } : planned.value;
  };
}
