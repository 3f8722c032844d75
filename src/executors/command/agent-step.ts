import type { Usage } from '../../model/budget';
import type { PhaseInput } from '../../model/phase-input';
import type { PhaseResult } from '../../model/results';
import type { FailureTypeName } from '../../workflow-safe/failure-types';
import { executorMisconfigured, waveFailure } from '../../workflow-safe/failure-types';
import { addUsage, formatUsd, remaining } from '../../workflow-safe/usage';
import type { AgentError, AgentErrorKind } from '../agents/adapter';
import type { AgentUsage } from '../agents/agent-usage';
import { DEFAULT_PRICES } from '../agents/prices';
import { DEFAULT_PROMPTS, promptValues, renderPrompt, verdictOf } from '../agents/prompt';
import { AGENT_ADAPTERS } from '../agents/registry';
import { runAgent } from '../agents/run-agent';
import type { PhaseContext } from '../types';
import { carriedSpend } from './attempt-spend';
import { programOf } from './command-line';
import type { CommandExecutorConfig, PhaseRun } from './config';
import { ignoreLocally } from './local-ignores';
import { lastChars } from './output-lines';
import type { ProcessOutcome } from './process-runner';

/** What running a phase's command or agent left for the executor to judge. */
export interface StepOutcome extends ProcessOutcome {
  /** The phase's summary, when the step produced one (else the last output line). */
  summary?: string;
  usage: Usage;
  /** Stopped because the domain's share ran out. */
  exhausted: boolean;
  costEstimated?: boolean;
  agent?: PhaseResult['agent'];
}

const FAILURE_OF_KIND: Readonly<Record<AgentErrorKind, FailureTypeName>> = {
  transient: 'AgentFailed',
  auth: 'AgentAuthFailed',
  limit: 'AgentLimitReached',
  usage: 'ExecutorMisconfigured',
};

/** What the previous attempt of this phase heartbeated about its agent, when it was the same agent. */
function sessionToResume(input: { details: unknown; agent: string; phase: string }): string | undefined {
  const details = (input.details ?? {}) as { agent?: unknown; sessionId?: unknown; phase?: unknown };
  return details.agent === input.agent && details.phase === input.phase && typeof details.sessionId === 'string'
    ? details.sessionId
    : undefined;
}

const RESUME_NOTE =
  'Your previous attempt at this task was interrupted. The working directory was reset to where the task started. Do the task again from there:';

/**
 * Runs a phase with an agent CLI: builds the prompt, resumes the previous attempt's session, reads usage live, and
 * turns the CLI's error results into WAVE failures (retried or not by kind). A review or test agent's
 * `VERDICT: REJECT`/`FAIL` line counts as a failing exit.
 */
export async function runAgentStep(args: {
  config: CommandExecutorConfig;
  spec: PhaseRun & { agent: NonNullable<PhaseRun['agent']> };
  input: PhaseInput;
  context: PhaseContext;
  cwd: string;
  env: Record<string, string>;
  redact: (text: string) => string;
  branch: string;
  testReport: string;
  /** This attempt's own folder outside the worktree (the CLI's log file goes there). */
  scratch: string;
  onSpawn: (pid: number) => void;
}): Promise<StepOutcome> {
  const { config, spec, input, context } = args;
  const adapter = AGENT_ADAPTERS[spec.agent];
  const label = `${input.domain}/${input.phase}`;
  const template = spec.prompt ?? config.prompts[input.phase] ?? DEFAULT_PROMPTS[input.phase];
  const task = renderPrompt({
    template,
    values: promptValues({ phase: input, branch: args.branch, testReport: args.testReport }),
  });
  await ignoreLocally({ worktree: args.cwd, patterns: adapter.localFiles ?? [] });
  const resumeSession = sessionToResume({ details: context.previousDetails, agent: adapter.name, phase: input.phase });
  const carried = carriedSpend({
    details: context.previousDetails,
    includesPrevious: resumeSession !== undefined && adapter.sessionTotals === true,
  });
  const outcome = await runAgent({
    adapter,
    program: programOf({ run: spec, baseDir: config.baseDir }) ?? adapter.program,
    invocation: {
      prompt: resumeSession ? `${RESUME_NOTE}\n\n${task}` : task,
      phase: input.phase,
      args: spec.args ?? [],
      ...(spec.model ? { model: spec.model } : {}),
      ...(resumeSession ? { resumeSession } : {}),
    },
    cwd: args.cwd,
    env: args.env,
    redact: args.redact,
    timeoutMs: spec.timeoutMs,
    signal: context.signal,
    budgetLeft: remaining({ allotted: input.budgetLeft, used: carried }),
    prices: { ...DEFAULT_PRICES, ...config.prices },
    scratch: args.scratch,
    onProgress: (progress) =>
      context.heartbeat({
        phase: input.phase,
        ...progress,
        sessionId: progress.sessionId ?? resumeSession,
        carried,
        tail: lastChars(progress.tail, 1000),
      }),
    onSpawn: args.onSpawn,
  });
  const { reading, usage } = outcome;
  const agent: PhaseResult['agent'] = {
    name: adapter.name,
    ...(reading.sessionId ? { sessionId: reading.sessionId } : {}),
    ...(resumeSession ? { resumed: true } : {}),
    ...(spec.model ? { model: spec.model } : {}),
    ...(reading.turns !== undefined ? { turns: reading.turns } : {}),
  };
  const base = {
    ...outcome,
    // What the earlier, failed attempts spent is part of what the phase cost.
    usage: addUsage(usage.usage, carried),
    exhausted: outcome.stoppedBy === 'budget',
    ...(usage.estimated && usage.usage.costUsd > 0 ? { costEstimated: true } : {}),
    agent,
  };
  if (outcome.stoppedBy === 'cancelled' || outcome.stoppedBy === 'timeout') return base;
  // A CLI that reports its cost only at the end may be stopped before it: that is a budget stop, not a price gap.
  if (usage.unpricedModel !== undefined && !(adapter.reportsCost && outcome.stoppedBy === 'budget')) {
    throw executorMisconfigured(
      `${label}: model ${JSON.stringify(usage.unpricedModel)} has no price (and the CLI reported no cost); add it to executors.command.prices (US dollars per million input/output tokens) so the budget can count it`,
    );
  }
  if (outcome.stoppedBy === 'budget') return base;
  if (reading.error)
    throw agentFailure({
      error: { ...reading.error, message: args.redact(reading.error.message) },
      label,
      adapter: adapter.name,
      usage,
      carried,
      resumeSession,
      context,
      phase: input.phase,
    });
  // The CLI's JSON escapes what it quotes: redact the parsed answer too.
  const answer = args.redact(reading.finalMessage ?? '');
  const judged = input.phase === 'review' || input.phase === 'test';
  const verdict = judged ? verdictOf(answer) : 'pass';
  // A review or test agent that does not say how it went has not approved or passed anything.
  const message = verdict === undefined ? `${answer}\n\n(${label}: the agent gave no VERDICT line)`.trim() : answer;
  return {
    ...base,
    exitCode: verdict === 'pass' ? 0 : 1,
    // The fix loop hands a failing test phase's output to the next implement: the agent's words, not its JSON.
    tail: message || outcome.tail,
    ...(message ? { summary: summaryOf(message) } : {}),
  };
}

/**
 * The failure for an agent's error result. A resumed attempt that failed leaves no session to resume (the session
 * may be what failed, e.g. gone from this host), so the next attempt starts afresh.
 */
function agentFailure(input: {
  error: AgentError;
  label: string;
  adapter: string;
  usage: AgentUsage;
  carried: Usage;
  resumeSession: string | undefined;
  context: PhaseContext;
  phase: string;
}): Error {
  const { usage, error } = input;
  const spent = `${usage.usage.tokens} tokens, ${usage.estimated ? '≈' : ''}${formatUsd(usage.usage.costUsd)}`;
  let kind = error.kind;
  if (input.resumeSession) {
    input.context.heartbeat({
      phase: input.phase,
      agent: input.adapter,
      usage: usage.usage,
      carried: input.carried,
      tail: '',
    });
    if (kind === 'usage') kind = 'transient';
  }
  return waveFailure({
    type: FAILURE_OF_KIND[kind],
    message: `${input.label}: ${input.adapter} failed after ${spent}${input.resumeSession ? ' (resumed session)' : ''}: ${lastChars(error.message, 800)}`,
  });
}

/** The agent's answer, its end kept when long (where agents conclude); the full text is the feedback of failing tests. */
function summaryOf(text: string): string {
  return lastChars(text.trim(), 1500).replace(/^…/, '');
}
