import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { waveFailure } from '../../workflow-safe/failure-types';
import { redactor, secretValues } from '../redact';
import { argvOf } from './command-line';
import type { CommandExecutorConfig, PhaseCommand } from './config';
import { lastChars } from './output-lines';
import { allowedEnv } from './phase-env';
import { runProcess } from './process-runner';

/** The settings the worktree commands need. */
type WorktreeCommandsConfig = Pick<CommandExecutorConfig, 'worktree' | 'env' | 'baseDir'>;

/** The marker of a worktree whose setup finished on this worker. */
function setupMarker(worktree: string): string {
  return `${worktree}.setup-done`;
}

/** Forgets that a worktree was set up (it is being made anew). */
export function forgetSetup(worktree: string): void {
  rmSync(setupMarker(worktree), { force: true });
}

/** Runs one of the worktree's own commands in it, with the executor's environment and the story's ids. */
async function runWorktreeCommand(input: {
  config: WorktreeCommandsConfig;
  spec: PhaseCommand;
  worktree: string;
  env: Record<string, string>;
  signal: AbortSignal;
  heartbeat?: (details?: unknown) => void;
}) {
  const env = allowedEnv({ names: [...input.config.env, ...input.spec.env] });
  const argv = argvOf({ command: input.spec.command, baseDir: input.config.baseDir });
  const outcome = await runProcess({
    argv,
    cwd: input.worktree,
    env: { ...env, ...input.env, WAVE_WORKTREE: input.worktree },
    redact: redactor(secretValues({ env, names: Object.keys(env) })),
    timeoutMs: input.spec.timeoutMs,
    signal: input.signal,
    ...(input.heartbeat ? { onHeartbeat: (tail: string) => input.heartbeat?.({ tail: lastChars(tail, 1000) }) } : {}),
  });
  return { argv, outcome };
}

/**
 * Runs the configured `setup` in a worktree this worker has not set up yet (a new one, or one whose setup failed),
 * and remembers that it succeeded. A failure, a timeout or a missing program fails the phase as a retryable
 * `WorktreeSetupFailed` naming the domain, the command and its last output.
 */
export async function setUpWorktree(input: {
  config: WorktreeCommandsConfig;
  worktree: string;
  label: string;
  env: Record<string, string>;
  signal: AbortSignal;
  heartbeat: (details?: unknown) => void;
}): Promise<void> {
  const spec = input.config.worktree.setup;
  if (!spec || existsSync(setupMarker(input.worktree))) return;
  const { argv, outcome } = await runWorktreeCommand({ ...input, spec }).catch((err: Error) => {
    throw waveFailure({ type: 'WorktreeSetupFailed', message: `${input.label}: worktree setup: ${err.message}` });
  });
  if (outcome.stoppedBy === 'cancelled') throw new Error(`${input.label}: worktree setup cancelled`);
  if (outcome.exitCode !== 0 || outcome.stoppedBy) {
    const why =
      outcome.stoppedBy === 'timeout' ? `ran longer than ${spec.timeoutMs} ms` : `exited with code ${outcome.exitCode}`;
    throw waveFailure({
      type: 'WorktreeSetupFailed',
      message: `${input.label}: worktree setup \`${argv.join(' ')}\` ${why}: ${lastChars(outcome.tail, 500)}`,
    });
  }
  writeFileSync(setupMarker(input.worktree), new Date().toISOString());
}

/** Runs the configured `cleanup` in a worktree about to be removed; answers why it failed, if it did. */
export async function cleanUpWorktree(input: {
  config: WorktreeCommandsConfig;
  worktree: string;
  env: Record<string, string>;
}): Promise<string | undefined> {
  forgetSetup(input.worktree);
  const spec = input.config.worktree.cleanup;
  if (!spec) return undefined;
  try {
    const { argv, outcome } = await runWorktreeCommand({ ...input, spec, signal: new AbortController().signal });
    return outcome.exitCode === 0 ? undefined : `\`${argv.join(' ')}\` exited with code ${outcome.exitCode}`;
  } catch (err) {
    return (err as Error).message;
  }
}
