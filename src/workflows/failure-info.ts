import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, TemporalFailure } from '@temporalio/workflow';

/** The type and message of the failure at the bottom of an activity or child failure chain, for reports. */
export function failureInfo(error: unknown): { type: string; message: string } {
  let current: unknown = error;
  while ((current instanceof ActivityFailure || current instanceof ChildWorkflowFailure) && current.cause) {
    current = current.cause;
  }
  if (current instanceof ApplicationFailure)
    return { type: current.type ?? 'ApplicationFailure', message: current.message };
  if (current instanceof TemporalFailure) return { type: current.name, message: current.message };
  if (current instanceof Error) return { type: current.name, message: current.message };
  return { type: 'Error', message: String(current) };
}

/** The worker (identity) that ran the last attempt of the activity at the top of a failure chain, when known. */
export function failureHost(error: unknown): string | undefined {
  return error instanceof ActivityFailure && error.identity ? error.identity : undefined;
}
