import { ApplicationFailure } from '@temporalio/activity';
import type { ExecutorRegistry } from '../executors/types';
import { FailureType } from '../shared/errors';

/** The request names an executor this worker was not configured with. */
export function noExecutor(input: { kind: string; executors: ExecutorRegistry }): ApplicationFailure {
  const hint = input.kind === 'command' ? ' (configure executors.command in wave.config.json)' : '';
  return ApplicationFailure.create({
    message: `no "${input.kind}" executor on this worker${hint}; it has: ${Object.keys(input.executors).join(', ')}`,
    type: FailureType.ExecutorMisconfigured,
    nonRetryable: true,
  });
}
