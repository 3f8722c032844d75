import type { MergeResult } from '../model/merge';
import type { PhaseInput } from '../model/phase-input';
import type { ApprovalHook, RunReport } from '../model/report';
import type { PhaseResult } from '../model/results';

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
  /** The last heartbeat details of the previous attempt of this phase (e.g. an agent's session to resume). */
  previousDetails?: unknown;
  log: PhaseLogger;
}

/** What the supervisor asks an executor before a run starts. */
export interface PrepareRunInput {
  storyId: string;
  workspace?: string;
  domains: string[];
}

/** What the merge review asks of an executor that changes a repository. */
export interface MergeRunInput {
  storyId: string;
  root: string;
  baseCommit: string;
  /** Succeeded domains, in layer order. */
  domains: string[];
}

/** What an executor's approval hook learns of an approved run. */
export interface ApprovalInput {
  storyId: string;
  title: string;
  root: string;
  baseCommit: string;
  /** The approved run's report, handed to the hook as a JSON file. */
  report: RunReport;
}

/** Runs one phase of one domain. Every executor, simulated or real, has `runPhase`. */
export interface Executor {
  readonly kind: string;
  runPhase(input: PhaseInput, context: PhaseContext): Promise<PhaseResult>;
  /** Checks the run can work (workspace, configured commands) and pins the base commit. */
  prepareRun?(input: PrepareRunInput): Promise<{ root: string; baseCommit: string } | undefined>;
  /** Merges the domains' branches into the integration branch and runs the full tests on it. */
  mergeRun?(input: MergeRunInput, context: Omit<PhaseContext, 'attempt'>): Promise<MergeResult>;
  /** Runs the configured `onApproved` command in the merged tree; undefined when none is configured. */
  afterApproval?(input: ApprovalInput, context: Omit<PhaseContext, 'attempt'>): Promise<ApprovalHook | undefined>;
}

/** Executors by kind, as the worker was built with them. */
export type ExecutorRegistry = Record<string, Executor>;
