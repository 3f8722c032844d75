import { ApplicationFailure } from '@temporalio/common';

/**
 * Every failure type WAVE raises or records, in one table. `retryable` is what an activity retry policy does with it:
 * a retryable failure is tried again with backoff, a non-retryable one fails the phase (or the run) at once. Types
 * marked `recorded` never travel as exceptions: they appear only in a domain's `error` in the run report.
 */
export const FAILURE_TYPES = {
  /** The request (or the catalog it is routed with) is invalid. */
  InvalidStoryRequest: { retryable: false },
  /** A domain used up its share of the budget. */
  BudgetExceeded: { retryable: false },
  /** The domain's review phase rejected its plan. */
  PhaseRejected: { retryable: false },
  /** The executor is configured in a way that cannot work (unknown kind, missing command, invalid result). */
  ExecutorMisconfigured: { retryable: false },
  /** A phase's command exited with an error. */
  CommandFailed: { retryable: true },
  /** A phase's command ran longer than its timeout and was killed with its children. */
  CommandTimedOut: { retryable: true },
  /** An agent CLI reported an error worth retrying (API error, overload, rate limit, interrupted run). */
  AgentFailed: { retryable: true },
  /** An agent CLI could not authenticate (no or invalid key, not logged in, no credit): retrying cannot help. */
  AgentAuthFailed: { retryable: false },
  /** An agent CLI stopped at its own configured limit (max turns, max spend). */
  AgentLimitReached: { retryable: false },
  /** A worktree's setup command (e.g. `npm ci`) failed or timed out; the next attempt runs it again. */
  WorktreeSetupFailed: { retryable: true },
  /** The workspace remote refused a push for good (permissions, a hook); names the remote and the branch. */
  PushRefused: { retryable: false },
  /** The branch moved on the remote since this attempt fetched it; the next attempt fetches again. */
  PushRaced: { retryable: true },
  /** The worker that took a domain's claim already holds its limit of domains; a retry finds another. */
  HostFull: { retryable: true },
  /** No host ran a domain's phase: each one it was sent to stopped polling (died) before starting it. */
  HostsLost: { retryable: false, recorded: true },
  /** A simulated executor failure that goes away on retry. */
  SimulatedTransientFailure: { retryable: true },
  /** A simulated executor failure that retrying cannot fix. */
  SimulatedPermanentFailure: { retryable: false },
  /** Tests still failed after the last fix attempt. */
  TestsFailed: { retryable: false, recorded: true },
  /** A domain this one depends on did not succeed, so it was not started. */
  DependencyFailed: { retryable: false, recorded: true },
  /** The policy halted the run before this domain started. */
  Halted: { retryable: false, recorded: true },
  /** The domain was cancelled (the run was cancelled, or a critical sibling failed with `failFast`). */
  Cancelled: { retryable: false, recorded: true },
} as const satisfies Record<string, { retryable: boolean; recorded?: true }>;

export type FailureTypeName = keyof typeof FAILURE_TYPES;

/** The failure type names, for `FailureType.BudgetExceeded`-style references. */
export const FailureType = Object.fromEntries(Object.keys(FAILURE_TYPES).map((name) => [name, name])) as {
  readonly [Name in FailureTypeName]: Name;
};

/** Failure types that an activity retry policy must never retry. */
export const NON_RETRYABLE_FAILURES: string[] = Object.entries(FAILURE_TYPES)
  .filter(([, spec]) => !spec.retryable && !('recorded' in spec))
  .map(([name]) => name);

/** A failure of one of WAVE's types, retryable or not as the table says. */
export function waveFailure(input: { type: FailureTypeName; message: string }): ApplicationFailure {
  return ApplicationFailure.create({
    message: input.message,
    type: input.type,
    nonRetryable: !FAILURE_TYPES[input.type].retryable,
  });
}

/** A non-retryable `InvalidStoryRequest` failure: the run fails at once instead of retrying. */
export function invalidStoryRequest(message: string): ApplicationFailure {
  return waveFailure({ type: 'InvalidStoryRequest', message });
}

/** A non-retryable `ExecutorMisconfigured` failure: a setting that no retry can fix. */
export function executorMisconfigured(message: string): ApplicationFailure {
  return waveFailure({ type: 'ExecutorMisconfigured', message });
}
