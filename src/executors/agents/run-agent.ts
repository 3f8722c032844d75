import { join } from 'node:path';
import type { Usage } from '../../model/budget';
import { isOver } from '../../workflow-safe/usage';
import type { ProcessOutcome } from '../command/process-runner';
import { runProcess } from '../command/process-runner';
import type { AgentAdapter, AgentInvocation, AgentReading } from './adapter';
import type { AgentUsage } from './agent-usage';
import { agentUsage } from './agent-usage';
import { followFile } from './log-tail';
import type { PriceTable } from './prices';

/** What a running agent reports in its heartbeats (and what a retried attempt reads back to resume). */
export interface AgentProgress {
  agent: string;
  sessionId?: string;
  /** This attempt's tokens and dollars so far. */
  usage: Usage;
  tail: string;
}

/** One agent run: the CLI, what to tell it, where, and what it may spend. */
export interface AgentRunSpec {
  adapter: AgentAdapter;
  /** The executable (the config's `program`, else the adapter's). */
  program: string;
  invocation: Omit<AgentInvocation, 'logFile'>;
  cwd: string;
  env: Record<string, string>;
  redact: (text: string) => string;
  timeoutMs: number;
  signal: AbortSignal;
  /** What is left of the domain's share: the run is stopped as soon as its usage goes over. */
  budgetLeft: Usage;
  prices: PriceTable;
  /** A folder of this attempt's own, for the CLI's log file. */
  scratch: string;
  onProgress: (progress: AgentProgress) => void;
  onSpawn?: (pid: number) => void;
}

/** How an agent run ended: the process, what was read from it, and what it used. */
export interface AgentOutcome extends ProcessOutcome {
  reading: AgentReading;
  usage: AgentUsage;
}

/**
 * Runs an agent CLI and reads its output as it streams: usage is re-priced after every line and the run is stopped
 * the moment it goes over the budget left, or uses tokens of a model that has no price when the CLI reports no cost.
 */
export async function runAgent(spec: AgentRunSpec): Promise<AgentOutcome> {
  const logFile = join(spec.scratch, 'agent.log');
  const reader = spec.adapter.reader();
  const over = new AbortController();
  const price = () =>
    agentUsage({
      reading: reader.reading,
      prices: spec.prices,
      ...(spec.invocation.model ? { model: spec.invocation.model } : {}),
    });
  const check = () => {
    const now = price();
    const unpriced = now.unpricedModel !== undefined && !spec.adapter.reportsCost;
    if (unpriced || isOver({ allotted: spec.budgetLeft, used: now.usage })) over.abort();
  };
  let lastTail = '';
  let reportedSession: string | undefined;
  // Stdout lines come redacted from the process runner; the log file's are redacted here.
  const read = (line: string, source: 'stdout' | 'log') => {
    reader.onLine({ line: source === 'log' ? spec.redact(line) : line, source });
    check();
    // The session id is what a retry needs to resume: heartbeat it the moment it is known.
    if (reader.reading.sessionId !== reportedSession) progress(lastTail);
  };
  const log = followFile({ path: logFile, onLine: (line) => read(line, 'log') });
  function progress(tail: string): void {
    lastTail = tail;
    reportedSession = reader.reading.sessionId;
    const now = price();
    spec.onProgress({
      agent: spec.adapter.name,
      ...(reader.reading.sessionId ? { sessionId: reader.reading.sessionId } : {}),
      usage: now.usage,
      tail,
    });
  }
  // The prompt holds the story, plan and test output: secrets in them never reach the agent (or its session files).
  const command = spec.adapter.command({ ...spec.invocation, prompt: spec.redact(spec.invocation.prompt), logFile });
  const outcome = await runProcess({
    argv: [spec.program, ...command.args],
    ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
    cwd: spec.cwd,
    env: spec.env,
    redact: spec.redact,
    timeoutMs: spec.timeoutMs,
    signal: spec.signal,
    budgetSignal: over.signal,
    onStdoutLine: (line) => read(line, 'stdout'),
    onHeartbeat: (tail) => {
      log.poll();
      progress(tail);
    },
    heartbeatMs: 500,
    ...(spec.onSpawn ? { onSpawn: spec.onSpawn } : {}),
  });
  log.poll();
  if (!outcome.stoppedBy) reader.finish({ exitCode: outcome.exitCode, tail: outcome.tail });
  // The last word on what this attempt spent: if it fails, the next attempt counts it.
  progress(outcome.tail);
  return { ...outcome, reading: reader.reading, usage: price() };
}
