import type { PhaseInput } from '../shared/phase-input';
import type { PhaseResult } from '../shared/results';

/** Structured log sink handed to executors (the activity logger in production). */
export interface PhaseLogger {
  info(message: string, attrs?: Record<string, unknown>): void;
  warn(message: string, attrs?: Record<string, unknown>): void;
}

/** What an executor may use while it runs a phase. */
export interface PhaseContext {
  /** Reports liveness (and optional details) to Temporal; cancellation is delivered in reply. */
  heartbeat(details?: unknown): void;
  /** Aborted when the phase is cancelled (run cancelled, sibling failed, worker shutting down). */
  signal: AbortSignal;
  /** The activity attempt, 1 for the first try. */
  attempt: number;
  log: PhaseLogger;
}

/** Runs one phase of one domain. Every executor, simulated or real, has this one method. */
export interface Executor {
  readonly kind: string;
  runPhase(input: PhaseInput, context: PhaseContext): Promise<PhaseResult>;
}

/** Executors by kind, as the worker was built with them. */
export type ExecutorRegistry = Record<string, Executor>;
