import type { ExecutorConfig } from '../model/executor-config';
import type { StoryContext } from '../model/story-context';

/** The story fields as inputs carried them, one by one, before the context became one object. */
interface FlatStoryFields {
  storyId: string;
  title: string;
  description?: string;
  executor: ExecutorConfig;
  workspace?: string;
  baseCommit?: string;
}

/**
 * The story context of a domain's or a phase's input. Inputs recorded before the context became one object (histories
 * of runs started by earlier versions, and phases scheduled by them) carry its fields one by one; they are read the
 * same way.
 */
export function storyContextOf(input: { story: StoryContext } | FlatStoryFields): StoryContext {
  if ('story' in input) return input.story;
  return {
    storyId: input.storyId,
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    executor: input.executor,
    ...(input.workspace !== undefined && input.baseCommit !== undefined
      ? { workspace: { root: input.workspace, baseCommit: input.baseCommit } }
      : {}),
  };
}
