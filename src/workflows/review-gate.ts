import type { ActivityOptions } from '@temporalio/workflow';
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { WaveActivities } from '../activities/types';
import { describeZodError } from '../shared/errors';
import type * as MergeModule from '../shared/merge';
import type { StoryPlan } from '../shared/plan';
import type { StoryProgress } from '../shared/progress';
import type { Review, RunReport } from '../shared/report';
import { gateDecision } from '../shared/gate';
import type { StoryRequest } from '../shared/story-request';
import { reviewUpdate } from './handlers';
import type { RunVisibility } from './visibility';

/** Marks histories that contain the merge review (runs recorded before it replay without it). */
export const MERGE_REVIEW_PATCH = 'merge-review-gate';

const MERGE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '2s', nonRetryableErrorTypes: ['ExecutorMisconfigured'] },
};

/** The person's decision, once the `review` update delivered it. */
export interface ReviewGate {
  decision(): Review | undefined;
}

/**
 * Accepts `review` updates while the run waits in `awaiting-review`. The validator rejects a decision at any other
 * time and any malformed one, so nothing invalid reaches the history.
 */
export function registerReviewHandler(progress: StoryProgress): ReviewGate {
  let decided: Review | undefined;
  // The schema module is loaded on first use only: see `lazyStoryRequestModule` in story.ts.
  let schema: typeof MergeModule.ReviewDecisionSchema | undefined;
  const loaded = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, evaluated on first use
    schema ??= (require('../shared/merge') as typeof MergeModule).ReviewDecisionSchema;
    return schema;
  };
  setHandler(
    reviewUpdate,
    (input) => {
      const decision = loaded().parse(input);
      decided = {
        decision: decision.approve ? 'approved' : 'rejected',
        by: decision.reviewer,
        reason: `${decision.approve ? 'approved' : 'rejected'} by ${decision.reviewer}`,
        ...(decision.comment ? { comment: decision.comment } : {}),
      };
      return decided;
    },
    {
      validator: (input) => {
        if (progress.stage !== 'awaiting-review') {
          throw new Error(`story ${progress.storyId} is not waiting for a review (stage: ${progress.stage})`);
        }
        if (decided)
          throw new Error(`story ${progress.storyId} was already decided (${decided.decision} by ${decided.by})`);
        const parsed = loaded().safeParse(input);
        if (!parsed.success) throw new Error(`invalid review decision: ${describeZodError(parsed.error, 'decision')}`);
      },
      description: 'Approve or reject a run waiting for merge review: { approve, reviewer, comment? }.',
    },
  );
  return { decision: () => decided };
}

/**
 * The merge review: merges the succeeded domains' branches in layer order and runs the full tests on the result,
 * then approves on its own, rejects a failed run, or waits for a person's decision (rejected when none arrives
 * within `reviewTimeoutMs`).
 */
export async function mergeReviewGate(input: {
  report: RunReport;
  plan: StoryPlan;
  workspace: { root: string; baseCommit: string };
  request: StoryRequest;
  progress: StoryProgress;
  gate: ReviewGate;
  visibility: RunVisibility;
}): Promise<RunReport> {
  const { report, progress } = input;
  progress.stage = 'merging';
  input.visibility.publish();
  const succeeded = input.plan.layers
    .flat()
    .filter((name) => report.domains.some((d) => d.domain === name && d.status === 'succeeded'));
  const { mergeReview } = proxyActivities<WaveActivities>({
    ...MERGE_OPTIONS,
    summary: `merge ${succeeded.join(', ') || 'no'} branch(es) and run the full tests`,
  });
  const merge =
    report.outcome === 'failed'
      ? undefined
      : await mergeReview({
          executor: input.request.executor.kind,
          storyId: report.storyId,
          ...input.workspace,
          domains: succeeded,
        });
  const verdict = gateDecision({ report, merge });
  const withMerge = merge ? { ...report, merge } : report;
  if (verdict.decision !== 'needs-review')
    return finished({ ...withMerge, review: { decision: verdict.decision, by: 'auto-gate', reason: verdict.reason } });
  progress.stage = 'awaiting-review';
  progress.reviewReason = verdict.reason;
  input.visibility.publish();
  const timeoutMs = input.request.policy.reviewTimeoutMs;
  const arrived = await condition(() => input.gate.decision() !== undefined, timeoutMs);
  const review = arrived
    ? (input.gate.decision() as Review)
    : {
        decision: 'rejected' as const,
        by: 'timeout',
        reason: `no review decision within ${timeoutMs} ms (${verdict.reason})`,
      };
  delete progress.reviewReason;
  return finished({ ...withMerge, review });
}

/** The report's end time is when the review ended, not when the domains did. */
function finished(report: RunReport): RunReport {
  const finishedAt = new Date().toISOString();
  return { ...report, finishedAt, durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(report.startedAt)) };
}
