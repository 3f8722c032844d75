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

/** One coding-agent CLI: how to call it and how to read what it prints. */
export interface AgentAdapter {
  readonly name: AgentName;
  /** The program looked up on PATH when the config names none. */
  readonly program: string;
  /** True when the CLI prints its own dollar cost; otherwise WAVE prices its tokens. */
  readonly reportsCost: boolean;
  /** Files the CLI leaves in its working directory that are not work (caches): never committed. */
  readonly localFiles?: readonly string[];
  /** The arguments after the program. */
  argv(input: AgentInvocation): string[];
  reader(): AgentReader;
}

/** The JSON object on `line`, or undefined for any other line (CLIs mix in plain text). */
export function jsonObject(line: string): Record<string, unknown> | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON array on `line`, or undefined. */
export function jsonArray(line: string): unknown[] | undefined {
  const text = line.trim();
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `value` as an object, or an empty one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `value` when it is a non-empty string. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True when the user's own arguments already set one of `flags` (the adapter then leaves its default out). */
export function hasFlag(input: { args: string[]; flags: string[] }): boolean {
  return input.args.some((arg) => input.flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
}
