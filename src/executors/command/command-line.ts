import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Phase } from '../../model/phase';
import { AGENT_ADAPTERS } from '../agents/registry';
import type { CommandExecutorConfig, PhaseCommand, PhaseRun } from './config';

/** Turns a configured command into argv: a script path or a path-like program is resolved against `baseDir`. */
export function argvOf(input: { command: PhaseCommand['command']; baseDir: string }): string[] {
  const [program, ...args] = typeof input.command === 'string' ? [input.command] : input.command;
  if (program === undefined) return [];
  return [program.includes('/') ? resolve(input.baseDir, program) : program, ...args];
}

/** True when the program of `argv` exists: a path that is there, or a name found on `PATH`. */
export function programExists(input: { argv: string[]; path: string | undefined }): boolean {
  const program = input.argv[0];
  if (!program) return false;
  if (program.includes('/')) return existsSync(program);
  return (input.path ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

/** How a domain's phase runs (the domain's own setting, else the default), or undefined. */
export function commandFor(input: {
  config: CommandExecutorConfig;
  domain: string;
  phase: Phase;
}): PhaseRun | undefined {
  return input.config.domains[input.domain]?.[input.phase] ?? input.config.phases[input.phase];
}

/** The program a phase runs: its command's, or its agent's executable (the configured `program`, else the CLI's name). */
export function programOf(input: {
  run: Pick<PhaseRun, 'command' | 'agent' | 'program'>;
  baseDir: string;
}): string | undefined {
  const { run } = input;
  if (run.agent === undefined) return argvOf({ command: run.command ?? [], baseDir: input.baseDir })[0];
  return run.program
    ? argvOf({ command: [run.program], baseDir: input.baseDir })[0]
    : AGENT_ADAPTERS[run.agent].program;
}
