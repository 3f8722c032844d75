import type { Catalog } from '../../model/catalog';
import type { StoryPlan } from '../../model/plan';
import type { StoryRequest } from '../../model/story-request';
import type { Validation } from '../../model/validation';
import { planStory } from '../../planning/plan-story';
import { askSupervisor } from './ask-supervisor';
import type { SupervisorSettings } from './config';

/**
 * Plans a story, asking the configured supervisor command first (when there is one) which domains it needs. The
 * supervise activity and `wave plan` share it; `planStory` does the pure part.
 */
export async function planWithSupervisor(input: {
  request: StoryRequest;
  storyId: string;
  catalog: Catalog;
  supervisor?: SupervisorSettings;
  signal?: AbortSignal;
}): Promise<Validation<StoryPlan>> {
  const { supervisor, signal, ...story } = input;
  // Domains named in the request win over every router, so the supervisor is not asked (nor paid) for them.
  const verdict =
    supervisor && !story.request.domains ? await askSupervisor({ ...story, supervisor, signal }) : undefined;
  return planStory({ ...story, ...(verdict ? { supervisor: verdict } : {}) });
}
