import { isCancellation, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { WaveActivities } from '../activities/types';
import type { Usage } from '../model/budget';
import type { Phase } from '../model/phase';
import type { DomainPlan } from '../model/plan';
import type { Policy } from '../model/policy';
import type { DomainRunProgress } from '../model/progress';
import type { DomainResult, DomainStatus, PhaseRecord, PhaseResult } from '../model/results';
import type { StoryContext } from '../model/story-context';
import { domainDetailsMarkdown } from '../workflow-safe/details-markdown';
import { FailureType } from '../workflow-safe/failure-types';
import { storyContextOf } from '../workflow-safe/story-context';
import { ZERO_USAGE, addUsage, isExhausted, isOver, remaining } from '../workflow-safe/usage';
import { phaseOptions } from './activity-options';
import type { DomainHost } from './domain-host';
import { domainHost, onHost, releaseHost } from './domain-host';
import { DomainStop } from './domain-stop';
import { failureHost, failureInfo } from './failure-info';
import { domainProgressQuery } from './handlers';

/** Input of one domain's child workflow. */
export interface DomainInput {
  story: StoryContext;
  domain: DomainPlan;
  /** The domain's budget share for this run (planned share plus what earlier layers left). */
  budget: Usage;
  /** Epoch milliseconds after which the domain stops as `budget-exceeded` (wall-clock budget). */
  deadline?: number;
  policy: Policy;
}

/** The input as runs started by earlier versions recorded it: the story's fields one by one. */
export type RecordedDomainInput = Omit<DomainInput, 'story'> & Parameters<typeof storyContextOf>[0];

/** One domain's run: its input, the phases finished so far and what its `progress` query answers. */
interface DomainRun {
  input: DomainInput;
  /** The worker the domain's phases run on, when it keeps to one. */
  host: DomainHost;
  phases: PhaseRecord[];
  state: DomainRunProgress;
  /** Implement/test rounds started. */
  attempts: number;
}

/**
 * One domain: plan → review → implement → test, re-running implement with the test feedback while tests fail (at
 * most `maxFixAttempts` times). The budget share is checked before and after every phase. Always returns a
 * `DomainResult`, also when the domain failed or was cancelled.
 */
export async function domainWorkflow(received: DomainInput | RecordedDomainInput): Promise<DomainResult> {
  const run = startRun({ ...received, story: storyContextOf(received) });
  const ending = await runPhases(run).then(
    (): Ending => ({ status: 'succeeded' }),
    (err: unknown) => endingOf({ err, run }),
  );
  run.state.status = ending.status;
  delete run.state.phase;
  showDetails(run);
  await releaseHost({ host: run.host, ids: idsOf(run), policy: run.input.policy });
  return domainResult({ run, ...ending });
}

function startRun(input: DomainInput): DomainRun {
  const run: DomainRun = {
    input,
    host: domainHost(input.story),
    phases: [],
    attempts: 0,
    state: { domain: input.domain.name, status: 'running', iteration: 0, phasesDone: 0, budgetUsed: ZERO_USAGE },
  };
  setHandler(domainProgressQuery, () => run.state, {
    description: 'The phase running now, the fix iteration, phases done and the budget used by this domain.',
  });
  return run;
}

/** The domain's phases in order, with the fix loop. */
async function runPhases(run: DomainRun): Promise<void> {
  const { maxFixAttempts } = run.input.policy;
  const plan = await runPhase({ run, phase: 'plan', iteration: 0 });
  const review = await runPhase({ run, phase: 'review', iteration: 0, plan: plan.summary });
  if (review.approved === false) {
    throw new DomainStop('failed', {
      type: FailureType.PhaseRejected,
      message: `review rejected the plan: ${review.summary}`,
    });
  }
  let feedback: string | undefined;
  for (let iteration = 0; ; iteration++) {
    run.attempts = iteration + 1;
    await runPhase({ run, phase: 'implement', iteration, plan: plan.summary, feedback });
    const test = await runPhase({ run, phase: 'test', iteration, plan: plan.summary });
    if ((test.tests?.failed ?? 0) === 0) return;
    if (iteration >= maxFixAttempts) {
      throw new DomainStop('failed', {
        type: FailureType.TestsFailed,
        message: `tests still failing after ${maxFixAttempts} fix attempt(s): ${test.summary}`,
      });
    }
    feedback = test.feedback ?? test.summary;
  }
}

/** One phase: the budget gate, the activity, then its result recorded against the share. */
async function runPhase(input: PhaseStep): Promise<PhaseRecord> {
  startPhase(input);
  const result = await phaseActivity(input);
  return recordPhase({ ...input, result });
}

/** Which phase to run, and what the phase is told beyond the story. */
interface PhaseStep {
  run: DomainRun;
  phase: Phase;
  iteration: number;
  plan?: string;
  feedback?: string | undefined;
}

/** Stops before the phase when the budget is gone; otherwise shows it as running. */
function startPhase(input: PhaseStep): void {
  const { run } = input;
  checkBudget(run);
  run.state.phase = input.phase;
  run.state.iteration = input.iteration;
  showDetails(run);
}

/** The `runPhase` activity for this step, on the domain's host, with what is left of the share. */
async function phaseActivity(input: PhaseStep): Promise<PhaseResult> {
  const { run, phase, iteration } = input;
  return await onHost({
    host: run.host,
    ids: idsOf(run),
    policy: run.input.policy,
    work: async (placement) => {
      const { runPhase: activity } = proxyActivities<WaveActivities>({
        ...phaseOptions({
          policy: run.input.policy,
          summary: `${run.input.domain.name} · ${phaseLabel(phase, iteration)}${run.host.claim ? ` on ${run.host.claim.hostId}` : ''}`,
        }),
        ...placement.options,
      });
      return await activity({
        story: run.input.story,
        domain: run.input.domain.name,
        phase,
        iteration,
        ...(input.plan !== undefined ? { plan: input.plan } : {}),
        ...(input.feedback !== undefined ? { feedback: input.feedback } : {}),
        budgetLeft: remaining({ allotted: run.input.budget, used: run.state.budgetUsed }),
        dependsOn: run.input.domain.dependsOn,
        ...startCommitOf(run),
        ...(placement.attemptOffset > 0 ? { attemptOffset: placement.attemptOffset } : {}),
      });
    },
  });
}

function idsOf(run: DomainRun): { storyId: string; domain: string } {
  return { storyId: run.input.story.storyId, domain: run.input.domain.name };
}

/** Where the next phase starts: the commit the last recorded phase ended on, once there is one. */
function startCommitOf(run: DomainRun): { startCommit?: string } {
  const commit = [...run.phases].reverse().find((phase) => phase.commit !== undefined)?.commit;
  return commit !== undefined ? { startCommit: commit } : {};
}

/** Records a finished phase and its spend; a phase that used up the share stops the domain. */
function recordPhase(input: PhaseStep & { result: PhaseResult }): PhaseRecord {
  const { run, result, phase } = input;
  const record: PhaseRecord = { ...result, phase, iteration: input.iteration };
  run.phases.push(record);
  run.state.phasesDone = run.phases.length;
  run.state.budgetUsed = addUsage(run.state.budgetUsed, result.usage);
  if (result.budgetExhausted || isOver({ allotted: run.input.budget, used: run.state.budgetUsed })) {
    throw budgetStop(`${run.input.domain.name} used its budget share during ${phase}`);
  }
  return record;
}

function phaseLabel(phase: Phase, iteration: number): string {
  return `${phase}${iteration > 0 ? ` (fix ${iteration})` : ''}`;
}

function showDetails(run: DomainRun): void {
  const { phase, iteration } = run.state;
  setCurrentDetails(
    domainDetailsMarkdown({
      domain: run.input.domain.name,
      ...(phase ? { running: phaseLabel(phase, iteration) } : {}),
      phases: run.phases,
      used: run.state.budgetUsed,
      allotted: run.input.budget,
    }),
  );
}

function budgetStop(message: string): DomainStop {
  return new DomainStop('budget-exceeded', { type: FailureType.BudgetExceeded, message });
}

/** Stops before a phase when the share is used up or the wall-clock budget has passed. */
function checkBudget(run: DomainRun): void {
  const { input } = run;
  if (isExhausted({ allotted: input.budget, used: run.state.budgetUsed })) {
    throw budgetStop(`${input.domain.name} has no budget share left`);
  }
  if (input.deadline !== undefined && Date.now() > input.deadline) {
    throw budgetStop(`${input.domain.name} passed the run's wall-clock budget`);
  }
}

/** How the domain ended when a phase did not let it finish. */
function endingOf(input: { err: unknown; run: DomainRun }): Ending {
  const { err, run } = input;
  if (err instanceof DomainStop) return { status: err.status, error: err.failure };
  if (isCancellation(err)) {
    return {
      status: 'cancelled',
      error: { type: FailureType.Cancelled, message: `cancelled during ${run.state.phase ?? 'start-up'}` },
    };
  }
  const host = failureHost(err);
  return {
    status: 'failed',
    error: failureInfo(err),
    ...(run.state.phase ? { failedAt: { phase: run.state.phase, ...(host ? { host } : {}) } } : {}),
  };
}

/** How a domain ended: its status, and for a domain that did not succeed, why and where. */
type Ending = { status: DomainStatus } & Partial<Pick<DomainResult, 'error' | 'failedAt'>>;

function domainResult(input: { run: DomainRun } & Ending): DomainResult {
  const { run } = input;
  const lastTest = [...run.phases].reverse().find((phase) => phase.phase === 'test');
  const tests = lastTest?.tests ?? { passed: 0, failed: 0, skipped: 0 };
  const files = [...new Set(run.phases.flatMap((phase) => phase.filesModified))].sort();
  return {
    domain: run.input.domain.name,
    status: input.status,
    critical: run.input.domain.critical,
    layer: run.input.domain.layer,
    filesModified: files,
    testsPassed: lastTest !== undefined && tests.failed === 0 && tests.passed > 0,
    tests,
    budgetAllotted: run.input.budget,
    budgetUsed: run.state.budgetUsed,
    attempts: run.attempts,
    ...(input.error ? { error: input.error } : {}),
    ...(input.failedAt ? { failedAt: input.failedAt } : {}),
    phases: run.phases,
  };
}
