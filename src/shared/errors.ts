import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';

/** Every failure type WAVE raises on purpose, in one place. */
export const FailureType = {
  /** The request (or the catalog it is routed with) is invalid; retrying cannot fix it. */
  InvalidStoryRequest: 'InvalidStoryRequest',
  /** A domain used up its share of the budget. */
  BudgetExceeded: 'BudgetExceeded',
  /** The review phase rejected the domain's plan. */
  PhaseRejected: 'PhaseRejected',
  /** The executor is configured in a way that cannot work (unknown kind, bad settings). */
  ExecutorMisconfigured: 'ExecutorMisconfigured',
  /** Tests still failed after the last fix attempt. */
  TestsFailed: 'TestsFailed',
  /** A domain this one depends on did not succeed, so it was not started. */
  DependencyFailed: 'DependencyFailed',
  /** A simulated executor failure that goes away on retry. */
  SimulatedTransientFailure: 'SimulatedTransientFailure',
  /** A simulated executor failure that retrying cannot fix. */
  SimulatedPermanentFailure: 'SimulatedPermanentFailure',
} as const;

export type FailureTypeName = (typeof FailureType)[keyof typeof FailureType];

/** Failure types that an activity retry policy must never retry. */
export const NON_RETRYABLE_FAILURES: string[] = [
  FailureType.InvalidStoryRequest,
  FailureType.BudgetExceeded,
  FailureType.PhaseRejected,
  FailureType.ExecutorMisconfigured,
  FailureType.SimulatedPermanentFailure,
];

/** Renders zod issues as one line that names every bad field, e.g. `budget.tokens: Too small: expected number to be >0`. */
export function describeZodError(error: z.ZodError, root = 'request'): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : root}: ${issue.message}`)
    .join('; ');
}

/** A non-retryable `InvalidStoryRequest` failure: the run fails at once instead of retrying. */
export function invalidStoryRequest(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: FailureType.InvalidStoryRequest, nonRetryable: true });
}
