import type { Catalog } from '../model/catalog';
import type { StoryRequest } from '../model/story-request';
import type { SupervisorInput } from '../model/supervisor-contract';
import { SUPERVISOR_CONTRACT_VERSION } from '../model/supervisor-contract';

/** The object a supervisor command reads on stdin: the story and what the catalog says of each domain. */
export function supervisorInput(input: { request: StoryRequest; storyId: string; catalog: Catalog }): SupervisorInput {
  const { request } = input;
  return {
    version: SUPERVISOR_CONTRACT_VERSION,
    story: {
      storyId: input.storyId,
      title: request.title,
      ...(request.description ? { description: request.description } : {}),
    },
    catalog: input.catalog.domains.map((spec) => ({
      name: spec.name,
      ...(spec.description ? { description: spec.description } : {}),
      critical: spec.critical,
      dependsOn: spec.dependsOn,
    })),
  };
}
