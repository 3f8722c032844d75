import type { ActivityOptions } from '@temporalio/workflow';
import { ActivityCancellationType } from '@temporalio/workflow';
import type { Policy } from '../model/policy';
import { NON_RETRYABLE_FAILURES } from '../workflow-safe/failure-types';

/** Options of the short bookkeeping activities (supervise, aggregate). */
export const BOOKKEEPING_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '500ms', nonRetryableErrorTypes: NON_RETRYABLE_FAILURES },
};

/**
 * Options of a phase activity, from the run's policy. Cancellation waits until the executor has really stopped, so a
 * cancelled domain never leaves work running behind it.
 */
export function phaseOptions(input: { policy: Policy; summary: string }): ActivityOptions {
  const { policy } = input;
  return {
    summary: input.summary,
    startToCloseTimeout: policy.phaseTimeoutMs,
    heartbeatTimeout: policy.phaseHeartbeatTimeoutMs,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: policy.retry.maximumAttempts,
      initialInterval: policy.retry.initialIntervalMs,
      backoffCoefficient: policy.retry.backoffCoefficient,
      maximumInterval: policy.retry.maximumIntervalMs,
      nonRetryableErrorTypes: NON_RETRYABLE_FAILURES,
    },
  };
}
