import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ExecutorRegistry } from '../executors/types';
import { FailureType, describeZodError } from '../shared/errors';
import type { PhaseInput } from '../shared/phase-input';
import type { PhaseResult } from '../shared/results';
import { PhaseResultSchema } from '../shared/results';

/** Runs one phase through the executor the request names, with heartbeats, cancellation and a checked answer. */
export function createRunPhase(deps: { executors: ExecutorRegistry }) {
  return async function runPhase(input: PhaseInput): Promise<PhaseResult> {
    const executor = deps.executors[input.executor.kind];
    if (!executor) {
      throw ApplicationFailure.create({
        message: `no "${input.executor.kind}" executor on this worker (has: ${Object.keys(deps.executors).join(', ')})`,
        type: FailureType.ExecutorMisconfigured,
        nonRetryable: true,
      });
    }
    const context = Context.current();
    const log = context.log;
    const attrs = { storyId: input.storyId, domain: input.domain, phase: input.phase, iteration: input.iteration };
    log.info('phase started', attrs);
    const result = await executor.runPhase(input, {
      heartbeat: (details) => context.heartbeat(details),
      signal: context.cancellationSignal,
      attempt: context.info.attempt,
      log: { info: (m, a) => log.info(m, { ...attrs, ...a }), warn: (m, a) => log.warn(m, { ...attrs, ...a }) },
    });
    const checked = PhaseResultSchema.safeParse(result);
    if (!checked.success) {
      throw ApplicationFailure.create({
        message: `the ${executor.kind} executor returned an invalid phase result: ${describeZodError(checked.error, 'result')}`,
        type: FailureType.ExecutorMisconfigured,
        nonRetryable: true,
      });
    }
    log.info('phase finished', { ...attrs, durationMs: checked.data.durationMs, tokens: checked.data.usage.tokens });
    return checked.data;
  };
}
