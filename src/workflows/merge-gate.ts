import type { ActivityOptions } from '@temporalio/workflow';
import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { WaveActivities } from '../activities/types';
import type * as MergeModule from '../model/merge';
import type { StoryPlan } from '../model/plan';
import type { StoryProgress } from '../model/progress';
import type { AggregatedReport, MergeReview, RunReport } from '../model/report';
import type { StoryContext } from '../model/story-context';
import { FailureType } from '../workflow-safe/failure-types';
import { gateReview, mergeGate } from '../workflow-safe/merge-gate';
import { failureInfo } from './failure-info';
import { mergeDecisionUpdate } from './handlers';
import type { RunVisibility } from './visibility';

/** Marks histories that contain the merge review (runs recorded before it replay without it). */
export const MERGE_REVIEW_PATCH = 'merge-review-gate';

const MERGE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '2s', nonRetryableErrorTypes: [FailureType.ExecutorMisconfigured] },
};

/** A person's decision, once the `review` update delivered it. */
export interface MergeDecisions {
  decided(): MergeReview | undefined;
}

/**
 * Accepts a person's decision while the run waits in `awaiting-review`. The validator rejects a decision at any other
 * time and any malformed one, so nothing invalid reaches the history.
 */
export function acceptMergeDecisions(progress: StoryProgress): MergeDecisions {
  let decided: MergeReview | undefined;
  const parse = (input: unknown) => lazyMergeModule().parseMergeDecision(input);
  setHandler(
    mergeDecisionUpdate,
    (input) => {
      const parsed = parse(input);
      if (!parsed.ok) throw new Error(parsed.message); // the validator has already refused it
      const decision = parsed.value;
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
        const parsed = parse(input);
        if (!parsed.ok) throw new Error(parsed.message);
      },
      description: 'Approve or reject a run waiting for merge review: { approve, reviewer, comment? }.',
    },
  );
  return { decided: () => decided };
}

/** The decision schema, loaded on first use only: see `lazyStoryRequestModule` in story.ts. */
function lazyMergeModule(): typeof MergeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, evaluated on first use
  return require('../model/merge') as typeof MergeModule;
}

/**
 * The merge review of a run that changed a repository: merges the succeeded domains' branches in layer order and runs
 * the full tests on the result, then lets the merge gate approve or reject, or waits for a person's decision when the
 * gate escalates (rejected when none arrives within `reviewTimeoutMs`).
 */
export async function runMergeGate(input: {
  report: AggregatedReport;
  plan: StoryPlan;
  story: StoryContext;
  reviewTimeoutMs: number;
  progress: StoryProgress;
  decisions: MergeDecisions;
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
  const merge = report.outcome === 'failed' ? undefined : await mergeReview({ story: input.story, domains: succeeded });
  const verdict = mergeGate({ report, merge });
  const withMerge = merge ? { ...report, merge } : report;
  if (verdict.decision !== 'escalated') {
    return await withApprovalHook({
      report: finished({ ...withMerge, review: gateReview(verdict) }),
      story: input.story,
    });
  }
  progress.stage = 'awaiting-review';
  progress.reviewReason = verdict.reason;
  input.visibility.publish();
  const timeoutMs = input.reviewTimeoutMs;
  const arrived = await condition(() => input.decisions.decided() !== undefined, timeoutMs);
  const review = arrived
    ? (input.decisions.decided() as MergeReview)
    : {
        decision: 'rejected' as const,
        by: 'timeout',
        reason: `no review decision within ${timeoutMs} ms (${verdict.reason})`,
      };
  delete progress.reviewReason;
  return await withApprovalHook({ report: finished({ ...withMerge, review }), story: input.story });
}

/** Marks histories whose approved runs run the executor's `onApproved` command (older runs replay without it). */
export const ON_APPROVED_PATCH = 'on-approved-hook';

/**
 * An approved run's `onApproved` command (e.g. opening a pull request) and what it did, in the report. Its failure,
 * even one of the activity itself, is reported there and does not undo the approval.
 */
async function withApprovalHook(input: { report: RunReport; story: StoryContext }): Promise<RunReport> {
  const { report } = input;
  if (report.review.decision !== 'approved' || !patched(ON_APPROVED_PATCH)) return report;
  const { afterApproval } = proxyActivities<WaveActivities>({
    summary: 'run the onApproved command',
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 3, initialInterval: '2s', nonRetryableErrorTypes: [FailureType.ExecutorMisconfigured] },
  });
  try {
    const hook = await afterApproval({ story: input.story, report });
    return hook ? { ...report, onApproved: hook } : report;
  } catch (err) {
    const { type, message } = failureInfo(err);
    return {
      ...report,
      onApproved: { command: 'onApproved', passed: false, exitCode: null, tail: `${type}: ${message}` },
    };
  }
}

/** The report's end time is when the review ended, not when the domains did. */
function finished(report: RunReport): RunReport {
  const finishedAt = new Date().toISOString();
  return { ...report, finishedAt, durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(report.startedAt)) };
}
