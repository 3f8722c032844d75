import { isCancellation, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { WaveActivities } from '../activities/types';
import type { Usage } from '../shared/usage';
import { ZERO_USAGE, addUsage, isExhausted, isOver, remaining } from '../shared/usage';
import { domainDetailsMarkdown } from '../shared/details-markdown';
import { FailureType } from '../shared/errors';
import type { ExecutorConfig } from '../shared/executor-config';
import type { Phase } from '../shared/phases';
import type { DomainPlan } from '../shared/plan';
import type { Policy } from '../shared/policy';
import type { DomainRunProgress } from '../shared/progress';
import type { DomainResult, DomainStatus, PhaseRecord } from '../shared/results';
import { phaseOptions } from './activity-options';
import { failureInfo } from './failure-info';
import { domainProgressQuery } from './handlers';

/** Input of one domain's child workflow. */
export interface DomainInput {
  storyId: string;
  title: string;
  description?: string;
  domain: DomainPlan;
  /** The domain's budget share for this run (planned share plus what earlier layers left). */
  budget: Usage;
  /** Epoch milliseconds after which the domain stops as `budget-exceeded` (wall-clock budget). */
  deadline?: number;
  policy: Policy;
  executor: ExecutorConfig;
  workspace?: string;
  /** Commit the domain's branch starts from (executors that change a repository). */
  baseCommit?: string;
}

/** Ends the domain early with a status and a reason (budget, rejection, failing tests). */
class DomainStop extends Error {
  constructor(
    readonly status: DomainStatus,
    readonly failure: { type: string; message: string },
  ) {
    super(failure.message);
  }
}

/**
 * One domain: plan → review → implement → test, re-running implement with the test feedback while tests fail (at
 * most `maxFixAttempts` times). The budget share is checked after every phase. Always returns a `DomainResult`,
 * also when the domain failed or was cancelled.
 */
export async function domainWorkflow(input: DomainInput): Promise<DomainResult> {
  const { domain, policy } = input;
  const phases: PhaseRecord[] = [];
  const state: DomainRunProgress = {
    domain: domain.name,
    status: 'running',
    iteration: 0,
    phasesDone: 0,
    budgetUsed: ZERO_USAGE,
  };
  setHandler(domainProgressQuery, () => state, {
    description: 'The phase running now, the fix iteration, phases done and the budget used by this domain.',
  });
  const showDetails = () =>
    setCurrentDetails(
      domainDetailsMarkdown({
        domain: domain.name,
        ...(state.phase ? { running: `${state.phase}${state.iteration > 0 ? ` (fix ${state.iteration})` : ''}` } : {}),
        phases,
        used: state.budgetUsed,
        allotted: input.budget,
      }),
    );

  const run = async (phase: Phase, iteration: number, extra: { plan?: string; feedback?: string } = {}) => {
    checkBudget(input, state.budgetUsed);
    state.phase = phase;
    state.iteration = iteration;
    showDetails();
    const { runPhase } = proxyActivities<WaveActivities>(
      phaseOptions({ policy, summary: `${domain.name} · ${phase}${iteration > 0 ? ` (fix ${iteration})` : ''}` }),
    );
    const result = await runPhase({
      storyId: input.storyId,
      title: input.title,
      ...(input.description !== undefined ? { description: input.description } : {}),
      domain: domain.name,
      phase,
      iteration,
      ...extra,
      budgetLeft: remaining({ allotted: input.budget, used: state.budgetUsed }),
      executor: input.executor,
      ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
      ...(input.baseCommit !== undefined ? { baseCommit: input.baseCommit } : {}),
      dependsOn: domain.dependsOn,
    });
    const record: PhaseRecord = { ...result, phase, iteration };
    phases.push(record);
    state.phasesDone = phases.length;
    state.budgetUsed = addUsage(state.budgetUsed, result.usage);
    if (result.budgetExhausted || isOver({ allotted: input.budget, used: state.budgetUsed })) {
      throw budgetStop(`${domain.name} used its budget share during ${phase}`);
    }
    return record;
  };

  let status: DomainStatus = 'succeeded';
  let error: DomainResult['error'];
  let attempts = 0;
  try {
    const plan = await run('plan', 0);
    const review = await run('review', 0, { plan: plan.summary });
    if (review.approved === false) {
      throw new DomainStop('failed', {
        type: FailureType.PhaseRejected,
        message: `review rejected the plan: ${review.summary}`,
      });
    }
    let feedback: string | undefined;
    for (let iteration = 0; ; iteration++) {
      attempts = iteration + 1;
      await run('implement', iteration, { plan: plan.summary, ...(feedback !== undefined ? { feedback } : {}) });
      const test = await run('test', iteration, { plan: plan.summary });
      if ((test.tests?.failed ?? 0) === 0) break;
      if (iteration >= policy.maxFixAttempts) {
        throw new DomainStop('failed', {
          type: FailureType.TestsFailed,
          message: `tests still failing after ${policy.maxFixAttempts} fix attempt(s): ${test.summary}`,
        });
      }
      feedback = test.feedback ?? test.summary;
    }
  } catch (err) {
    if (err instanceof DomainStop) {
      status = err.status;
      error = err.failure;
    } else if (isCancellation(err)) {
      status = 'cancelled';
      error = { type: 'Cancelled', message: `cancelled during ${state.phase ?? 'start-up'}` };
    } else {
      status = 'failed';
      error = failureInfo(err);
    }
  }
  state.status = status;
  delete state.phase;
  showDetails();
  return domainResult({ input, status, error, attempts, phases, used: state.budgetUsed });
}

function budgetStop(message: string): DomainStop {
  return new DomainStop('budget-exceeded', { type: FailureType.BudgetExceeded, message });
}

/** Stops before a phase when the share is used up or the wall-clock budget has passed. */
function checkBudget(input: DomainInput, used: Usage): void {
  if (isExhausted({ allotted: input.budget, used })) throw budgetStop(`${input.domain.name} has no budget share left`);
  if (input.deadline !== undefined && Date.now() > input.deadline) {
    throw budgetStop(`${input.domain.name} passed the run's wall-clock budget`);
  }
}

function domainResult(input: {
  input: DomainInput;
  status: DomainStatus;
  error: DomainResult['error'];
  attempts: number;
  phases: PhaseRecord[];
  used: Usage;
}): DomainResult {
  const lastTest = [...input.phases].reverse().find((phase) => phase.phase === 'test');
  const tests = lastTest?.tests ?? { passed: 0, failed: 0, skipped: 0 };
  const files = [...new Set(input.phases.flatMap((phase) => phase.filesModified))].sort();
  return {
    domain: input.input.domain.name,
    status: input.status,
    critical: input.input.domain.critical,
    layer: input.input.domain.layer,
    filesModified: files,
    testsPassed: lastTest !== undefined && tests.failed === 0 && tests.passed > 0,
    tests,
    budgetAllotted: input.input.budget,
    budgetUsed: input.used,
    attempts: input.attempts,
    ...(input.error ? { error: input.error } : {}),
    phases: input.phases,
  };
}
