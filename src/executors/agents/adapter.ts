import type { Phase } from '../../model/phase';
import type { TokenCounts } from './token-counts';

/** The coding-agent CLIs WAVE reads natively. */
export const AGENT_NAMES = ['claude', 'codex', 'gemini', 'aider'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/**
 * How an agent's own error result is handled:
 * - `transient`: API errors, overload, rate limits, an interrupted run: retried (`AgentFailed`).
 * - `auth`: no or bad credentials, no credit: not retried (`AgentAuthFailed`).
 * - `limit`: the agent hit its configured turn (or spend) limit: not retried (`AgentLimitReached`).
 * - `usage`: the CLI rejected its arguments or configuration: not retried (`ExecutorMisconfigured`).
 */
export type AgentErrorKind = 'transient' | 'auth' | 'limit' | 'usage';

export interface AgentError {
  kind: AgentErrorKind;
  message: string;
}

/** What WAVE has read of an agent run so far; adapters update it line by line. */
export interface AgentReading {
  /** The CLI's session (Claude Code, Gemini) or thread (Codex) id, to resume the conversation on a retry. */
  sessionId?: string;
  /** Tokens by model name; `''` when the CLI does not say which model (the configured `model` is used). */
  tokensByModel: Record<string, TokenCounts>;
  /** Dollars the CLI itself reported for the run; when absent the cost is priced from the tokens. */
  reportedCostUsd?: number;
  /** The agent's final answer: the phase summary. */
  finalMessage?: string;
  /** The error result the CLI reported, if any. */
  error?: AgentError;
  /** Model turns the CLI reported. */
  turns?: number;
}

/** Reads one run's output. A fresh reader per run. */
export interface AgentReader {
  /** One line of stdout, or of the adapter's log file (`source: 'log'`), already redacted. */
  onLine(input: { line: string; source: 'stdout' | 'log' }): void;
  /** Called once the process ended (not when WAVE stopped it): last parsing and exit-code mapping. */
  finish(input: { exitCode: number | null; tail: string }): void;
  /** The reading so far. */
  readonly reading: AgentReading;
}

/** What an adapter needs to build the command line. */
export interface AgentInvocation {
  prompt: string;
  phase: Phase;
  /** Model from the config, passed with the CLI's model flag. */
  model?: string;
  /** Extra arguments from the config, after the adapter's own. */
  args: string[];
  /** Session to resume (from the previous attempt of the same phase). */
  resumeSession?: string;
  /** A file the CLI may write its machine-readable log to (aider's analytics log). */
  logFile: string;
}

/**
 * How to start the CLI: its arguments, and its stdin. The prompt never stands where the CLI could take it for an
 * option (it goes on stdin, after `--`, or glued to its option with `=`).
 */
export interface AgentCommand {
  args: string[];
  stdin?: string;
}

/** One coding-agent CLI: how to call it and how to read what it prints. */
export interface AgentAdapter {
  readonly name: AgentName;
  /** The program looked up on PATH when the config names none. */
  readonly program: string;
  /** True when the CLI prints its own dollar cost; otherwise WAVE prices its tokens. */
  readonly reportsCost: boolean;
  /** True when a resumed session's totals include what its earlier runs used (Claude Code). */
  readonly sessionTotals?: boolean;
  /** Files the CLI leaves in its working directory that are not work (caches): never committed. */
  readonly localFiles?: readonly string[];
  command(input: AgentInvocation): AgentCommand;
  reader(): AgentReader;
}

/** True when the user's own arguments already set one of `flags` (the adapter then leaves its default out). */
export function hasFlag(input: { args: string[]; flags: string[] }): boolean {
  return input.args.some((arg) => input.flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
}

/** The value the user's own arguments give `flag` (`--flag value` or `--flag=value`). */
export function flagValue(input: { args: string[]; flag: string }): string | undefined {
  const at = input.args.findIndex((arg) => arg === input.flag || arg.startsWith(`${input.flag}=`));
  if (at < 0) return undefined;
  const arg = input.args[at] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : input.args[at + 1];
}

/**
 * The error of a CLI that exited non-zero without saying why in its own error fields. Its output is not read for
 * words like "unauthorized": that text may be a tool's output or a file's contents, so the failure is retried.
 */
export function exitError(input: { cli: string; exitCode: number | null; tail: string }): AgentError {
  return { kind: 'transient', message: `${input.cli} exited with code ${input.exitCode}: ${input.tail}` };
}
