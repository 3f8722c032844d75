import { performance } from 'node:perf_hooks';
import type { Catalog } from '../../model/catalog';
import type { StoryRequest } from '../../model/story-request';
import type { SupervisorAnswer, SupervisorVerdict } from '../../model/supervisor-contract';
import type { Validation } from '../../model/validation';
import { excerpt, readSupervisorAnswer } from '../../planning/supervisor-answer';
import { supervisorInput } from '../../planning/supervisor-input';
import { argvOf } from '../command/command-line';
import { allowedEnv } from '../command/phase-env';
import type { ProcessOutcome } from '../command/process-runner';
import { SpawnError, runProcess } from '../command/process-runner';
import { redactor, secretValues } from '../redact';
import { askAgentSupervisor } from './ask-agent-supervisor';
import type { SupervisorConfig, SupervisorSettings } from './config';
import { stopReason } from './stop-reason';

/** An answer is a small JSON object; more output than this is a runaway command, not an answer. */
const MAX_STDOUT_BYTES = 1024 * 1024;

/** Worker environment variables every supervisor command sees beside its allow-list. */
const BASE_ENV = ['PATH', 'HOME'];

/** What the supervisor command needs to route one story. */
export interface AskSupervisorInput {
  supervisor: SupervisorSettings;
  request: StoryRequest;
  storyId: string;
  catalog: Catalog;
  /** Aborting stops the command. */
  signal?: AbortSignal;
  /** Where allow-listed variables are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the configured supervisor command for one story (no shell, in the config file's folder, with only the
 * allow-listed environment) and judges what it printed. Never throws for anything the command did: a command that
 * cannot start, fails, hangs or answers nonsense gives a verdict with the reason, and the built-in router routes.
 */
export async function askSupervisor(input: AskSupervisorInput): Promise<SupervisorVerdict> {
  const started = performance.now();
  const { supervisor } = input;
  const names = [...BASE_ENV, ...supervisor.env];
  const env = allowedEnv({ names, source: input.env ?? process.env });
  // A fallback reason quotes the supervisor's output into the plan, which is workflow history: no keys in it.
  const redact = redactor(secretValues({ env, names }));
  const { agent } = supervisor;
  const { answer, usage } = agent
    ? await askAgentSupervisor({
        supervisor: { ...supervisor, agent },
        supervisorInput: supervisorInput(input),
        catalog: input.catalog,
        env,
        redact,
        signal: input.signal ?? new AbortController().signal,
      })
    : { answer: await commandAnswer({ ...input, env, redact }), usage: undefined };
  const heard = {
    command: supervisorLabel(supervisor),
    durationMs: Math.round(performance.now() - started),
    ...(usage ? { usage } : {}),
  };
  return answer.ok ? { ...heard, ok: true, answer: answer.value } : { ...heard, ok: false, fallback: answer.message };
}

async function commandAnswer(
  input: AskSupervisorInput & { env: Record<string, string>; redact: (text: string) => string },
): Promise<Validation<SupervisorAnswer>> {
  const { supervisor, env } = input;
  const stdout: string[] = [];
  let bytes = 0;
  let outcome: ProcessOutcome;
  try {
    outcome = await runProcess({
      argv: argvOf({ command: supervisor.command ?? [], baseDir: supervisor.baseDir }),
      cwd: supervisor.baseDir,
      env,
      stdin: JSON.stringify(supervisorInput(input)),
      redact: input.redact,
      timeoutMs: supervisor.timeoutMs,
      killGraceMs: 1000,
      signal: input.signal ?? new AbortController().signal,
      onStdoutLine: (line) => {
        stdout.push(line);
        bytes += Buffer.byteLength(line) + 1;
        return bytes > MAX_STDOUT_BYTES ? 'stop' : undefined;
      },
    });
  } catch (err) {
    if (err instanceof SpawnError) return { ok: false, message: err.message };
    throw err;
  }
  const problem = exitProblem({ outcome, timeoutMs: supervisor.timeoutMs });
  if (problem) return { ok: false, message: problem };
  return readSupervisorAnswer({ stdout: stdout.join('\n'), catalog: input.catalog });
}

/** Why a finished command's output is not to be read, or undefined when it exited 0 by itself. */
function exitProblem(input: { outcome: ProcessOutcome; timeoutMs: number }): string | undefined {
  const { outcome } = input;
  // The only reason WAVE stops a supervisor command for its output is its size.
  if (outcome.stoppedBy === 'budget') return `printed more than ${MAX_STDOUT_BYTES} bytes on stdout (stopped)`;
  if (outcome.stoppedBy) return stopReason({ stoppedBy: outcome.stoppedBy, timeoutMs: input.timeoutMs });
  if (outcome.exitCode === 0) return undefined;
  const ended = outcome.exitCode === null ? 'killed by a signal' : `exit code ${outcome.exitCode}`;
  // The last line on stderr is usually the error; a command that reports on stdout gets its last line shown instead.
  const last =
    outcome.lastError ??
    outcome.tail
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop();
  return last ? `${ended}: ${excerpt(last)}` : ended;
}

/**
 * The supervisor as the plan shows it: the command as configured, not resolved (an absolute path says where one
 * worker keeps its files, not which supervisor ran), and shortened, since arguments may carry a long prompt; or the
 * agent and its model.
 */
export function supervisorLabel(config: SupervisorConfig): string {
  if (config.agent) return `agent ${config.agent}${config.model ? ` (${config.model})` : ''}`;
  const { command = [] } = config;
  return excerpt(typeof command === 'string' ? command : command.join(' '));
}
