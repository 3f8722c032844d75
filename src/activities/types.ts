import type { MergeResult } from '../model/merge';
import type { PhaseInput } from '../model/phase-input';
import type { StoryPlan } from '../model/plan';
import type { AggregatedReport, ApprovalHook, RunReport } from '../model/report';
import type { PhaseResult } from '../model/results';
import type { StoryContext } from '../model/story-context';
import type { StoryRequest } from '../model/story-request';
import type { ReportInput } from './build-report';
import type { HostClaim } from './host';

/** The activities of WAVE as workflow code sees them (types only; built by `createActivities`). */
export interface WaveActivities {
  /** Routes the story to domains and plans layers and budget shares. */
  supervise(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan>;
  /** Runs one phase of one domain through the configured executor. */
  runPhase(input: PhaseInput): Promise<PhaseResult>;
  /** Merges the domains' results into the run report (its review is the story workflow's merge gate's). */
  aggregate(input: ReportInput): Promise<AggregatedReport>;
  /** Makes the worker that takes it a domain's host: answers with the queue only that worker polls. */
  claimHost(input: { storyId: string; domain: string }): Promise<HostClaim>;
  /** Frees the domain's place on its host (run on the host's own queue). */
  releaseHost(input: { storyId: string; domain: string }): Promise<void>;
  /** Runs the `onApproved` command of the executor once a run is approved (undefined when none is configured). */
  afterApproval(input: { story: StoryContext; report: RunReport }): Promise<ApprovalHook | undefined>;
  /** Merges the succeeded domains' branches into the integration branch and runs the full tests on it. */
  mergeReview(input: { story: StoryContext; domains: string[] }): Promise<MergeResult>;
}
