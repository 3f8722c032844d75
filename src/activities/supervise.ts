import type { Catalog } from '../shared/catalog';
import { invalidStoryRequest } from '../shared/errors';
import type { StoryPlan } from '../shared/plan';
import { planStory } from '../shared/plan';
import type { StoryRequest } from '../shared/story-request';

/** The supervisor: routes the story with the worker's catalog and plans layers and budget shares. */
export function createSupervise(deps: { catalog: Catalog }) {
  return async function supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan> {
    const planned = planStory({ request: input.request, storyId: input.storyId, catalog: deps.catalog });
    if (!planned.ok) throw invalidStoryRequest(planned.message);
    return planned.value;
  };
}
