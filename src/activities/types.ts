import type { MergeRunInput } from '../executors/types';
import type { MergeResult } from '../shared/merge';
import type { PhaseInput } from '../shared/phase-input';
import type { StoryPlan } from '../shared/plan';
import type { ReportInput, RunReport } from '../shared/report';
import type { PhaseResult } from '../shared/results';
import type { StoryRequest } from '../shared/story-request';

/** The activities of WAVE as workflow code sees them (types only; built by `createActivities`). */
export interface WaveActivities {
  /** Routes the story to domains and plans layers and budget shares. */
  supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan>;
  /** Runs one phase of one domain through the configured executor. */
  runPhase(input: PhaseInput): Promise<PhaseResult>;
  /** Merges the domains' results into the run report. */
  aggregate(input: ReportInput): Promise<RunReport>;
  /** Merges the succeeded domains' branches into the integration branch and runs the full tests on it. */
  mergeReview(input: MergeRunInput & { executor: string }): Promise<MergeResult>;
}
