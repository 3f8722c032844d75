import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../model/catalog';
import type { SupervisorAnswer, SupervisorInput, SupervisorUsage } from '../../model/supervisor-contract';
import type { Validation } from '../../model/validation';
import { excerpt, readSupervisorAnswer } from '../../planning/supervisor-answer';
import { supervisorPrompt } from '../../planning/supervisor-prompt';
import { DEFAULT_PRICES } from '../agents/prices';
import { AGENT_ADAPTERS } from '../agents/registry';
import type { AgentOutcome } from '../agents/run-agent';
import { runAgent } from '../agents/run-agent';
import { programOf } from '../command/command-line';
import { SpawnError } from '../command/process-runner';
import type { SupervisorSettings } from './config';
import { stopReason } from './stop-reason';

/** Routing is one short answer: an agent that spends more than this on it is stopped. */
const ROUTING_BUDGET = { tokens: 2_000_000, costUsd: 5 };

/** What an agent supervisor said, and what asking it used. */
export interface AgentSupervisorHeard {
  answer: Validation<SupervisorAnswer>;
  usage?: SupervisorUsage;
}

/**
 * Asks a coding-agent CLI to route one story: the routing prompt (story and catalog) goes to the CLI the way its
 * adapter passes prompts, in an empty folder of its own with the read-only permissions of a plan phase, and the
 * agent's final message is read as the supervisor's JSON answer. Never throws for anything the agent did.
 */
export async function askAgentSupervisor(input: {
  supervisor: SupervisorSettings & { agent: NonNullable<SupervisorSettings['agent']> };
  supervisorInput: SupervisorInput;
  catalog: Catalog;
  env: Record<string, string>;
  redact: (text: string) => string;
  signal: AbortSignal;
}): Promise<AgentSupervisorHeard> {
  const { supervisor } = input;
  const adapter = AGENT_ADAPTERS[supervisor.agent];
  const scratch = await mkdtemp(join(tmpdir(), 'wave-supervisor-'));
  try {
    const outcome = await runAgent({
      adapter,
      program: programOf({ run: supervisor, baseDir: supervisor.baseDir }) ?? adapter.program,
      invocation: {
        prompt: supervisorPrompt({
          supervisorInput: input.supervisorInput,
          ...(supervisor.prompt ? { template: supervisor.prompt } : {}),
        }),
        phase: 'plan',
        args: supervisor.args ?? [],
        ...(supervisor.model ? { model: supervisor.model } : {}),
      },
      cwd: scratch,
      env: input.env,
      redact: input.redact,
      timeoutMs: supervisor.timeoutMs,
      signal: input.signal,
      budgetLeft: ROUTING_BUDGET,
      prices: DEFAULT_PRICES,
      scratch,
      onProgress: () => undefined,
    });
    const usage = { ...outcome.usage.usage, estimated: outcome.usage.estimated };
    const problem = agentProblem({ outcome, supervisor });
    const answer: Validation<SupervisorAnswer> = problem
      ? { ok: false, message: problem }
      : readSupervisorAnswer({ stdout: outcome.reading.finalMessage ?? '', catalog: input.catalog });
    return { answer, usage };
  } catch (err) {
    if (err instanceof SpawnError) return { answer: { ok: false, message: err.message } };
    throw err;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Why an agent's run gives no answer to read, or undefined when it ended with a final message. */
function agentProblem(input: { outcome: AgentOutcome; supervisor: SupervisorSettings }): string | undefined {
  const { outcome, supervisor } = input;
  const agent = supervisor.agent ?? 'agent';
  if (outcome.stoppedBy === 'budget')
    return `${agent} went over the routing allowance of ${ROUTING_BUDGET.tokens} tokens or $${ROUTING_BUDGET.costUsd}, or used a model with no price (stopped)`;
  if (outcome.stoppedBy) return stopReason({ stoppedBy: outcome.stoppedBy, timeoutMs: supervisor.timeoutMs });
  if (outcome.reading.error) return `${agent} failed: ${excerpt(outcome.reading.error.message)}`;
  return outcome.reading.finalMessage === undefined ? `${agent} gave no final answer` : undefined;
}
