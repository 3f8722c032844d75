import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReportInput } from '../activities/build-report';
import type { WaveActivities } from '../activities/types';
import type { StoryPlan } from '../model/plan';
import type { StoryProgress } from '../model/progress';
import type { AggregatedReport, RunReport } from '../model/report';
import type { StoryContext } from '../model/story-context';
import type * as StoryRequestModule from '../model/story-request';
import type { StoryRequest, StoryRequestInput } from '../model/story-request';
import { FailureType, invalidStoryRequest } from '../workflow-safe/failure-types';
import { domainWorkflowId, storyIdFrom } from '../workflow-safe/ids';
import { withGateReview } from '../workflow-safe/merge-gate';
import { finalWaveStatus } from '../workflow-safe/search-attributes';
import { BOOKKEEPING_OPTIONS } from './activity-options';
import { progressQuery } from './handlers';
import type { MergeDecisions } from './merge-gate';
import { MERGE_REVIEW_PATCH, acceptMergeDecisions, runMergeGate } from './merge-gate';
import { runLayers } from './story-layers';
import type { StoryRun } from './story-run';
import type { RunVisibility } from './visibility';
import { runVisibility } from './visibility';

/** Up to this many domain results travel inline to the aggregate step; more go by reference. */
const INLINE_RESULTS_LIMIT = 50;

/**
 * The parent of a story run: validates the request, asks the supervisor for a plan, runs each dependency layer's
 * domains as child workflows in parallel (a sliding window of `maxParallelDomains`) under the failure policy,
 * aggregates their results into the run report, and lets the merge gate decide its review.
 */
export async function storyWorkflow(input: StoryRequestInput): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const validation = lazyStoryRequestModule().validateStoryRequest(input);
  if (!validation.ok) throw invalidStoryRequest(validation.message);
  const request = validation.value;
  const storyId = request.storyId ?? storyIdFrom(workflowInfo().workflowId);
  const progress: StoryProgress = {
    storyId,
    title: request.title,
    stage: 'planning',
    startedAt,
    currentLayer: 0,
    layerCount: 0,
    domains: [],
  };
  setHandler(progressQuery, () => progress, { description: 'Stage, layer and every domain’s status of this run.' });
  const decisions = acceptMergeDecisions(progress);
  const visibility = runVisibility(progress);
  visibility.publish();
  try {
    const report = await runStory({ request, storyId, startedAt, progress, decisions, visibility });
    progress.stage = 'completed';
    progress.outcome = report.outcome;
    visibility.finish(finalWaveStatus(report));
    return report;
  } catch (err) {
    visibility.finish(isCancellation(err) ? 'cancelled' : 'failed');
    throw err;
  }
}

/** plan → layers → aggregate → gate. */
async function runStory(input: {
  request: StoryRequest;
  storyId: string;
  startedAt: string;
  progress: StoryProgress;
  decisions: MergeDecisions;
  visibility: RunVisibility;
}): Promise<RunReport> {
  const plan = await planOrFail({ request: input.request, storyId: input.storyId });
  const run = startRun({ ...input, plan });
  await runLayers(run);
  const report = await aggregate({ run, startedAt: input.startedAt });
  return await gate({ run, report, decisions: input.decisions });
}

/**
 * The request schemas, loaded when the parent validates its input rather than at import. Every workflow (each child
 * too) evaluates the workflow modules anew when it is created, and building zod schemas was the largest part of that
 * (see BENCHMARKS.md); webpack evaluates a `require` inside a function on its first call.
 */
function lazyStoryRequestModule(): typeof StoryRequestModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('../model/story-request') as typeof StoryRequestModule;
}

/** Runs the supervisor; an invalid request or an unusable executor fails the run at once with that failure type. */
async function planOrFail(input: { request: StoryRequest; storyId: string }): Promise<StoryPlan> {
  try {
    const { supervise } = proxyActivities<WaveActivities>({
      ...BOOKKEEPING_OPTIONS,
      summary: 'route the story to domains and plan layers and budgets',
    });
    return await supervise(input);
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.nonRetryable) {
      throw ApplicationFailure.create({
        message: cause.message,
        type: cause.type ?? FailureType.InvalidStoryRequest,
        nonRetryable: true,
      });
    }
    throw err;
  }
}

/** The run's state once it has a plan: every domain pending, the story context built once for all of them. */
function startRun(input: {
  request: StoryRequest;
  plan: StoryPlan;
  progress: StoryProgress;
  visibility: RunVisibility;
}): StoryRun {
  const { request, plan, progress } = input;
  progress.stage = 'running';
  progress.layerCount = plan.layers.length;
  progress.domains = plan.domains.map((d) => ({
    name: d.name,
    critical: d.critical,
    layer: d.layer,
    status: 'pending',
  }));
  input.visibility.publish();
  const story: StoryContext = {
    storyId: plan.storyId,
    title: request.title,
    ...(request.description !== undefined ? { description: request.description } : {}),
    executor: request.executor,
    ...(plan.workspace ? { workspace: plan.workspace } : {}),
  };
  return {
    request,
    story,
    plan,
    progress,
    visibility: input.visibility,
    results: [],
    fromChild: new Set(),
    ...(request.budget.wallClockMs ? { deadline: Date.now() + request.budget.wallClockMs } : {}),
    verdict: { outcome: 'succeeded', halted: false },
  };
}

/** The aggregate step: merges every domain's result into the report. */
async function aggregate(input: { run: StoryRun; startedAt: string }): Promise<AggregatedReport> {
  const { run } = input;
  run.progress.stage = 'aggregating';
  run.visibility.publish();
  const { aggregate: aggregateActivity } = proxyActivities<WaveActivities>({
    ...BOOKKEEPING_OPTIONS,
    summary: `aggregate ${run.results.length} domain result(s)`,
  });
  return await aggregateActivity({
    plan: run.plan,
    ...resultsForAggregate(run),
    verdict: run.verdict,
    executor: run.request.executor.kind,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
  });
}

/**
 * The results the aggregate step gets: inline, or for large fan-outs by reference (the aggregate step reads the
 * children's results from Temporal itself, so that no payload in history grows with the number of domains).
 */
function resultsForAggregate(run: StoryRun): Pick<ReportInput, 'results' | 'childResults'> {
  if (run.results.length <= INLINE_RESULTS_LIMIT) return { results: run.results };
  return {
    results: run.results.filter((r) => !run.fromChild.has(r.domain)),
    childResults: [...run.fromChild].map((domain) => ({
      domain,
      workflowId: domainWorkflowId({ storyId: run.story.storyId, domain }),
    })),
  };
}

/** The review: the merge review for runs that changed a repository, else the merge gate's verdict on the results. */
async function gate(input: { run: StoryRun; report: AggregatedReport; decisions: MergeDecisions }): Promise<RunReport> {
  const { run, report } = input;
  if (!run.story.workspace || !patched(MERGE_REVIEW_PATCH)) return withGateReview(report);
  return await runMergeGate({
    report,
    plan: run.plan,
    story: run.story,
    reviewTimeoutMs: run.request.policy.reviewTimeoutMs,
    progress: run.progress,
    decisions: input.decisions,
    visibility: run.visibility,
  });
}
