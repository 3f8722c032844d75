import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { WaveActivities } from '../activities/types';
import type { Usage } from '../shared/usage';
import { ZERO_USAGE, remaining, splitByWeight, sumUsage, addUsage } from '../shared/usage';
import { FailureType, invalidStoryRequest } from '../shared/errors';
import { domainWorkflowId, storyIdFrom } from '../shared/ids';
import type { Verdict } from '../shared/outcome';
import { evaluatePolicy } from '../shared/outcome';
import { finalWaveStatus } from '../shared/search-attributes';
import { domainStaticDetails } from '../shared/details-markdown';
import type { DomainPlan, StoryPlan } from '../shared/plan';
import type { DomainProgress, StoryProgress } from '../shared/progress';
import type { RunReport } from '../shared/report';
import type { DomainResult, DomainStatus } from '../shared/results';
import type * as StoryRequestModule from '../shared/story-request';
import type { StoryRequest, StoryRequestInput } from '../shared/story-request';
import { BOOKKEEPING_OPTIONS } from './activity-options';
import type { DomainInput } from './domain';
import { domainWorkflow } from './domain';
import { failureInfo } from './failure-info';
import { progressQuery } from './handlers';
import type { ReviewGate } from './review-gate';
import { MERGE_REVIEW_PATCH, mergeReviewGate, registerReviewHandler } from './review-gate';
import type { RunVisibility } from './visibility';
import { runVisibility } from './visibility';

/** Up to this many domain results travel inline to the aggregate step; more go by reference. */
const INLINE_RESULTS_LIMIT = 50;

/** Shared state of one run, read by the `progress` query. */
interface Run {
  request: StoryRequest;
  plan: StoryPlan;
  progress: StoryProgress;
  visibility: RunVisibility;
  results: DomainResult[];
  /** Domains whose result is their child workflow's own result. */
  fromChild: Set<string>;
  deadline?: number;
}

/**
 * The parent of a story run: validates the request, asks the supervisor for a plan, runs each dependency layer's
 * domains as child workflows in parallel (a sliding window of `maxParallelDomains`) under the failure policy, and
 * aggregates their results into the run report.
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
  const gate = registerReviewHandler(progress);
  const visibility = runVisibility(progress);
  visibility.publish();
  try {
    const report = await runStory({ request, storyId, startedAt, progress, gate, visibility });
    progress.stage = 'completed';
    progress.outcome = report.outcome;
    visibility.finish(finalWaveStatus(report));
    return report;
  } catch (err) {
    visibility.finish(isCancellation(err) ? 'cancelled' : 'failed');
    throw err;
  }
}

/** Plan, the layers of child workflows, the aggregate step and (for runs on a repository) the merge review. */
async function runStory(input: {
  request: StoryRequest;
  storyId: string;
  startedAt: string;
  progress: StoryProgress;
  gate: ReviewGate;
  visibility: RunVisibility;
}): Promise<RunReport> {
  const { request, storyId, startedAt, progress, visibility } = input;
  const plan = await planOrFail({ request, storyId });
  progress.stage = 'running';
  progress.layerCount = plan.layers.length;
  progress.domains = plan.domains.map((d) => ({
    name: d.name,
    critical: d.critical,
    layer: d.layer,
    status: 'pending',
  }));
  visibility.publish();
  const run: Run = {
    request,
    plan,
    progress,
    visibility,
    results: [],
    fromChild: new Set(),
    ...(request.budget.wallClockMs ? { deadline: Date.now() + request.budget.wallClockMs } : {}),
  };

  let verdict: Verdict = { outcome: 'succeeded', halted: false };
  for (const [index, names] of plan.layers.entries()) {
    progress.currentLayer = index;
    const layer = names.map((name) => plan.domains.find((d) => d.name === name) as DomainPlan);
    if (verdict.halted) {
      record(
        run,
        layer.map((d) => notRun(d, 'skipped', { type: 'Halted', message: `not started: ${verdict.reason}` })),
      );
      continue;
    }
    if (CancellationScope.current().consideredCancelled) break; // the run was cancelled: no new layer starts
    const { runnable, blocked } = splitByDependencies(run, layer);
    record(run, blocked);
    await runLayer(run, allot(run, runnable));
    visibility.publish({ budget: true });
    verdict = evaluatePolicy({ results: run.results, policy: request.policy, plannedDomains: plan.domains.length });
  }

  progress.stage = 'aggregating';
  visibility.publish();
  // Large fan-outs pass the children's results by reference: the aggregate step reads them from Temporal itself.
  const byReference = run.results.length > INLINE_RESULTS_LIMIT;
  const { aggregate } = proxyActivities<WaveActivities>({
    ...BOOKKEEPING_OPTIONS,
    summary: `aggregate ${run.results.length} domain result(s)`,
  });
  const aggregated = await aggregate({
    plan,
    results: byReference ? run.results.filter((r) => !run.fromChild.has(r.domain)) : run.results,
    ...(byReference
      ? {
          childResults: [...run.fromChild].map((domain) => ({
            domain,
            workflowId: domainWorkflowId({ storyId, domain }),
          })),
        }
      : {}),
    verdict,
    executor: request.executor.kind,
    startedAt,
    finishedAt: new Date().toISOString(),
  });
  return plan.workspace && patched(MERGE_REVIEW_PATCH)
    ? await mergeReviewGate({
        report: aggregated,
        plan,
        workspace: plan.workspace,
        request,
        progress,
        gate: input.gate,
        visibility,
      })
    : aggregated;
}

/**
 * The request schemas, loaded when the parent validates its input rather than at import. Every workflow (each child
 * too) evaluates the workflow modules anew when it is created, and building zod schemas was the largest part of that
 * (see BENCHMARKS.md); webpack evaluates a `require` inside a function on its first call.
 */
function lazyStoryRequestModule(): typeof StoryRequestModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('../shared/story-request') as typeof StoryRequestModule;
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

/** Domains whose dependencies all succeeded can run; the others are skipped with the reason. */
function splitByDependencies(run: Run, layer: DomainPlan[]): { runnable: DomainPlan[]; blocked: DomainResult[] } {
  const status = new Map(run.results.map((r) => [r.domain, r.status]));
  const runnable: DomainPlan[] = [];
  const blocked: DomainResult[] = [];
  for (const domain of layer) {
    const failed = domain.dependsOn.filter((dep) => status.get(dep) !== 'succeeded');
    if (failed.length === 0) runnable.push(domain);
    else {
      blocked.push(
        notRun(domain, 'skipped', {
          type: FailureType.DependencyFailed,
          message: `depends on ${failed.join(', ')}, which did not succeed`,
        }),
      );
    }
  }
  return { runnable, blocked };
}

/** The layer's budget: each domain's planned share plus, by weight, what earlier layers left unused. */
function allot(run: Run, layer: DomainPlan[]): { domain: DomainPlan; budget: Usage }[] {
  const finished = new Set(run.results.map((r) => r.domain));
  const carry = remaining({
    allotted: sumUsage(run.plan.domains.filter((d) => finished.has(d.name)).map((d) => d.budget)),
    used: sumUsage(run.results.map((r) => r.budgetUsed)),
  });
  const extra = splitByWeight({ total: carry, parts: layer.map((d) => ({ name: d.name, weight: d.weight })) });
  return layer.map((domain) => ({ domain, budget: addUsage(domain.budget, extra.get(domain.name) ?? ZERO_USAGE) }));
}

/**
 * Runs one layer's domains as child workflows, at most `maxParallelDomains` at once. When the policy halts the run
 * and `failFast` is on, running siblings are cancelled (they return `cancelled` with their finished phases) and the
 * domains not yet started are skipped.
 */
async function runLayer(run: Run, layer: { domain: DomainPlan; budget: Usage }[]): Promise<void> {
  const { policy } = run.request;
  const scope = new CancellationScope();
  await scope.run(async () => {
    const queue = [...layer];
    const inFlight = new Map<string, Promise<DomainResult>>();
    let stopping = false;
    while (queue.length > 0 || inFlight.size > 0) {
      while (!stopping && queue.length > 0 && inFlight.size < policy.maxParallelDomains) {
        const next = queue.shift() as { domain: DomainPlan; budget: Usage };
        setStatus(run, next.domain.name, 'running');
        inFlight.set(next.domain.name, runDomain(run, next));
      }
      run.visibility.publish();
      if (inFlight.size === 0) break;
      const finished = await Promise.race(inFlight.values());
      inFlight.delete(finished.domain);
      record(run, [finished]);
      const verdict = evaluatePolicy({ results: run.results, policy, plannedDomains: run.plan.domains.length });
      if (verdict.halted && policy.failFast && !stopping) {
        stopping = true;
        scope.cancel();
      }
    }
    const reason = { type: 'Halted', message: 'not started: the run halted' };
    record(
      run,
      queue.map(({ domain }) => notRun(domain, 'skipped', reason)),
    );
  });
}

/** Runs one domain's child workflow; whatever happens, the answer is a `DomainResult`. */
async function runDomain(run: Run, entry: { domain: DomainPlan; budget: Usage }): Promise<DomainResult> {
  const { request } = run;
  const input: DomainInput = {
    storyId: run.plan.storyId,
    title: request.title,
    ...(request.description !== undefined ? { description: request.description } : {}),
    domain: entry.domain,
    budget: entry.budget,
    ...(run.deadline !== undefined ? { deadline: run.deadline } : {}),
    policy: request.policy,
    executor: request.executor,
    ...(run.plan.workspace ? { workspace: run.plan.workspace.root, baseCommit: run.plan.workspace.baseCommit } : {}),
  };
  try {
    const result = await executeChild(domainWorkflow, {
      workflowId: domainWorkflowId({ storyId: run.plan.storyId, domain: entry.domain.name }),
      args: [input],
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      staticSummary: `${entry.domain.name}${entry.domain.critical ? ' (critical)' : ''} · layer ${entry.domain.layer}`,
      staticDetails: domainStaticDetails({ title: request.title, domain: entry.domain, budget: entry.budget }),
    });
    run.fromChild.add(entry.domain.name);
    return result;
  } catch (err) {
    const status: DomainStatus = isCancellation(err) ? 'cancelled' : 'failed';
    // What the child spent is unknown: count its whole share as used so that it is not handed out again.
    return {
      ...notRun(entry.domain, status, failureInfo(err)),
      budgetAllotted: entry.budget,
      budgetUsed: entry.budget,
    };
  }
}

/** A result for a domain that did not run (or whose child failed before it could answer). */
function notRun(domain: DomainPlan, status: DomainStatus, error: { type: string; message: string }): DomainResult {
  return {
    domain: domain.name,
    status,
    critical: domain.critical,
    layer: domain.layer,
    filesModified: [],
    testsPassed: false,
    tests: { passed: 0, failed: 0, skipped: 0 },
    budgetAllotted: ZERO_USAGE,
    budgetUsed: ZERO_USAGE,
    attempts: 0,
    error,
    phases: [],
  };
}

function record(run: Run, results: DomainResult[]): void {
  for (const result of results) {
    run.results.push(result);
    setStatus(run, result.domain, result.status, result);
    run.visibility.domainFinished(result);
  }
  if (results.length > 0) run.visibility.publish();
}

function setStatus(run: Run, name: string, status: DomainProgress['status'], result?: DomainResult): void {
  const row = run.progress.domains.find((d) => d.name === name);
  if (!row) return;
  row.status = status;
  if (result) {
    row.budgetUsed = result.budgetUsed;
    row.phasesDone = result.phases.length;
    if (result.error) row.error = `${result.error.type}: ${result.error.message}`;
  }
}
