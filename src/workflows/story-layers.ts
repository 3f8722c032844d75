import {
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  executeChild,
  isCancellation,
} from '@temporalio/workflow';
import type { DomainPlan } from '../model/plan';
import type { DomainResult, DomainStatus } from '../model/results';
import { domainStaticDetails } from '../workflow-safe/details-markdown';
import { FailureType } from '../workflow-safe/failure-types';
import { domainWorkflowId } from '../workflow-safe/ids';
import type { Allotted } from '../workflow-safe/layer-start';
import { allotLayer, splitByDependencies } from '../workflow-safe/layer-start';
import { ZERO_USAGE } from '../workflow-safe/usage';
import type { DomainInput } from './domain';
import { domainWorkflow } from './domain';
import { failureInfo } from './failure-info';
import type { StoryRun } from './story-run';
import { record, setStatus } from './story-run';

/**
 * Runs the plan's dependency layers in order. A layer starts once the one before it finished; after the policy
 * halted the run, later layers are skipped, and after the run was cancelled none starts.
 */
export async function runLayers(run: StoryRun): Promise<void> {
  const { plan, progress } = run;
  for (const [index, names] of plan.layers.entries()) {
    progress.currentLayer = index;
    const layer = names.map((name) => plan.domains.find((d) => d.name === name) as DomainPlan);
    if (run.verdict.halted) {
      const reason = { type: FailureType.Halted, message: `not started: ${run.verdict.reason}` };
      record(
        run,
        layer.map((d) => notRun(d, 'skipped', reason)),
        { judge: false },
      );
      continue;
    }
    if (CancellationScope.current().consideredCancelled) break; // the run was cancelled: no new layer starts
    const { runnable, blocked } = splitByDependencies({ layer, results: run.results });
    record(
      run,
      blocked.map(({ domain, failed }) =>
        notRun(domain, 'skipped', {
          type: FailureType.DependencyFailed,
          message: `depends on ${failed.join(', ')}, which did not succeed`,
        }),
      ),
    );
    await runLayer(run, allotLayer({ planned: run.plan.domains, results: run.results, layer: runnable }));
    run.visibility.publish({ budget: true });
  }
}

/**
 * Runs one layer's domains as child workflows, at most `maxParallelDomains` at once. When the policy halts the run
 * and `failFast` is on, running siblings are cancelled (they return `cancelled` with their finished phases) and the
 * domains not yet started are skipped.
 */
async function runLayer(run: StoryRun, layer: Allotted[]): Promise<void> {
  const { policy } = run.request;
  const scope = new CancellationScope();
  await scope.run(async () => {
    const queue = [...layer];
    const inFlight = new Map<string, Promise<DomainResult>>();
    let stopping = false;
    while (queue.length > 0 || inFlight.size > 0) {
      while (!stopping && queue.length > 0 && inFlight.size < policy.maxParallelDomains) {
        const next = queue.shift() as Allotted;
        setStatus(run, next.domain.name, 'running');
        inFlight.set(next.domain.name, runDomain(run, next));
      }
      run.visibility.publish();
      if (inFlight.size === 0) break;
      const finished = await Promise.race(inFlight.values());
      inFlight.delete(finished.domain);
      record(run, [finished]);
      if (run.verdict.halted && policy.failFast && !stopping) {
        stopping = true;
        scope.cancel();
      }
    }
    const reason = { type: FailureType.Halted, message: 'not started: the run halted' };
    record(
      run,
      queue.map(({ domain }) => notRun(domain, 'skipped', reason)),
    );
  });
}

/** Runs one domain's child workflow; whatever happens, the answer is a `DomainResult`. */
async function runDomain(run: StoryRun, entry: Allotted): Promise<DomainResult> {
  const input: DomainInput = {
    story: run.story,
    domain: entry.domain,
    budget: entry.budget,
    ...(run.deadline !== undefined ? { deadline: run.deadline } : {}),
    policy: run.request.policy,
  };
  try {
    const result = await executeChild(domainWorkflow, {
      workflowId: domainWorkflowId({ storyId: run.story.storyId, domain: entry.domain.name }),
      args: [input],
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      staticSummary: `${entry.domain.name}${entry.domain.critical ? ' (critical)' : ''} · layer ${entry.domain.layer}`,
      staticDetails: domainStaticDetails({ title: run.story.title, domain: entry.domain, budget: entry.budget }),
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
