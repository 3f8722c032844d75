import { Context } from '@temporalio/activity';
import type { ExecutorRegistry } from '../executors/types';
import type { Usage } from '../model/budget';
import type { PhaseInput } from '../model/phase-input';
import type { PhaseResult } from '../model/results';
import { PhaseResultSchema } from '../model/results';
import { describeZodError } from '../model/validation';
import { executorMisconfigured } from '../workflow-safe/failure-types';
import { storyContextOf } from '../workflow-safe/story-context';
import { isOver } from '../workflow-safe/usage';
import { executorFor } from './executor-lookup';

/** A phase input as earlier versions scheduled it. */
export type RecordedPhaseInput = Omit<PhaseInput, 'story'> & Parameters<typeof storyContextOf>[0];

/** Runs one phase through the executor the request names, with heartbeats, cancellation and a checked answer. */
export function createRunPhase(deps: { executors: ExecutorRegistry }) {
  return async function runPhase(received: PhaseInput | RecordedPhaseInput): Promise<PhaseResult> {
    // A phase scheduled by an earlier version carries the story's fields one by one.
    const input: PhaseInput = { ...received, story: storyContextOf(received) };
    const executor = executorFor({ kind: input.story.executor.kind, executors: deps.executors });
    const context = Context.current();
    const log = context.log;
    const attrs = {
      storyId: input.story.storyId,
      domain: input.domain,
      phase: input.phase,
      iteration: input.iteration,
    };
    log.info('phase started', attrs);
    const started = Date.now();
    const duration = context.metricMeter
      .createHistogram('wave_phase_duration', 'int', 'ms', 'Phase attempts, by domain, phase and result')
      .withTags({ domain: input.domain, phase: input.phase });
    let result: PhaseResult;
    // Until this attempt says more, its heartbeats repeat the previous attempt's details (an agent session to resume,
    // what earlier attempts spent), so a retry that dies early does not lose them.
    const heartbeat = runnerHeartbeat({
      send: (details) => context.heartbeat(details),
      initial: context.info.heartbeatDetails as unknown,
    });
    try {
      result = await executor.runPhase(input, {
        heartbeat: heartbeat.beat,
        signal: context.cancellationSignal,
        // A phase moved off a dead host counts its attempts on from there (WAVE_ATTEMPT, the recorded attempt).
        attempt: context.info.attempt + (input.attemptOffset ?? 0),
        ...(context.info.heartbeatDetails !== undefined ? { previousDetails: context.info.heartbeatDetails } : {}),
        log: { info: (m, a) => log.info(m, { ...attrs, ...a }), warn: (m, a) => log.warn(m, { ...attrs, ...a }) },
      });
    } catch (err) {
      duration.record(Date.now() - started, { result: context.cancellationSignal.aborted ? 'cancelled' : 'error' });
      throw err;
    } finally {
      heartbeat.stop();
    }
    duration.record(Date.now() - started, { result: 'ok' });
    const checked = PhaseResultSchema.safeParse(result);
    const problem = checked.success
      ? input.phase === 'test' && !checked.data.tests && !checked.data.budgetExhausted
        ? 'a test phase must report test counts'
        : undefined
      : describeZodError(checked.error, 'result');
    if (!checked.success || problem) {
      throw executorMisconfigured(`the ${executor.kind} executor returned an invalid phase result: ${problem}`);
    }
    log.info('phase finished', { ...attrs, durationMs: checked.data.durationMs, tokens: checked.data.usage.tokens });
    return bounded({ result: checked.data, budgetLeft: input.budgetLeft });
  };
}

/** How often the runner heartbeats, whatever the executor is doing (fetching, setting up, waiting on a command). */
const RUNNER_HEARTBEAT_MS = 1000;

/**
 * Heartbeats that come from WAVE's runner, not from the work: the executor's latest details are sent again every
 * second, so a phase is never taken for dead while a long git fetch or a quiet agent command runs, and a dead worker
 * is noticed within the heartbeat timeout.
 */
function runnerHeartbeat(input: { send: (details?: unknown) => void; initial?: unknown }): {
  beat(details?: unknown): void;
  stop(): void;
} {
  const { send } = input;
  let last: unknown = input.initial;
  send(last);
  const timer = setInterval(() => send(last), RUNNER_HEARTBEAT_MS);
  return {
    beat: (details) => {
      last = details;
      send(details);
    },
    stop: () => clearInterval(timer),
  };
}

const MAX_SUMMARY = 2000;
const MAX_FEEDBACK = 8000;
const MAX_FILES = 2000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Keeps results small enough for workflow history (long outputs are clipped, file lists capped) and flags a phase
 * that used more than what was left of its share, so the domain stops even if an executor did not.
 */
function bounded(input: { result: PhaseResult; budgetLeft: Usage }): PhaseResult {
  const { result } = input;
  const over = isOver({ allotted: input.budgetLeft, used: result.usage });
  return {
    ...result,
    summary: clip(result.summary, MAX_SUMMARY),
    filesModified: result.filesModified.slice(0, MAX_FILES),
    ...(result.feedback !== undefined ? { feedback: clip(result.feedback, MAX_FEEDBACK) } : {}),
    ...(over ? { budgetExhausted: true } : {}),
  };
}
