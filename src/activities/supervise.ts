import type { Catalog } from '../shared/catalog';
import type { ExecutorRegistry } from '../executors/types';
import { invalidStoryRequest } from '../shared/errors';
import { noExecutor } from './no-executor';
import type { StoryPlan } from '../shared/plan';
import { planStory } from '../shared/plan';
import type { StoryRequest } from '../shared/story-request';

/** The supervisor: routes the story with the worker's catalog and plans layers and budget shares. */
export function createSupervise(deps: { catalog: Catalog; executors: ExecutorRegistry }) {
  return async function supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan> {
    const planned = planStory({ request: input.request, storyId: input.storyId, catalog: deps.catalog });
    if (!planned.ok) throw invalidStoryRequest(planned.message);
    const kind = input.request.executor.kind;
    const executor = deps.executors[kind];
    if (!executor) throw noExecutor({ kind, executors: deps.executors });
    const workspace = await executor.prepareRun?.({
      storyId: input.storyId,
      domains: planned.value.domains.map((d) => d.name),
      ...(input.request.workspace ? { workspace: input.request.workspace } : {}),
    });
    return workspace ? { ...planned.value, workspace } : planned.value;
  };
}
