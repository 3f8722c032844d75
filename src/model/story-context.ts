import type { ExecutorConfig } from './executor-config';

/**
 * What every domain and phase of one run knows about its story, passed down as one object: the story workflow builds
 * it once from the request and the plan, and hands it to each domain's child workflow and each phase activity.
 */
export interface StoryContext {
  storyId: string;
  title: string;
  description?: string;
  executor: ExecutorConfig;
  /** The repository and the commit every domain branch starts from (executors that change a repository). */
  workspace?: { root: string; baseCommit: string };
}
