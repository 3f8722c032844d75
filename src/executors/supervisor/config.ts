import { z } from 'zod';
import { PhaseCommandSchema } from '../command/config';

/**
 * Longest a supervisor command may run. The supervise activity has one minute in all (its timeout is in workflow
 * code, which this setting cannot change), and preparing the workspace after routing needs the rest.
 */
export const MAX_SUPERVISOR_TIMEOUT_MS = 45_000;

/**
 * `supervisor` in wave.config.json: a command that routes stories instead of the built-in keyword router
 * (docs/supervisor.md). It takes a command like a phase's (argv or a script path, resolved against the config file's
 * folder) and the worker environment variables it may see.
 */
export const SupervisorConfigSchema = PhaseCommandSchema.extend({
  /**
   * Longest time the command may run; then it is killed with its children and the built-in router routes.
   * @default 30000
   */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(
      MAX_SUPERVISOR_TIMEOUT_MS,
      `must be at most ${MAX_SUPERVISOR_TIMEOUT_MS}: the supervise activity has one minute in all`,
    )
    .default(30_000),
});
export type SupervisorConfig = z.infer<typeof SupervisorConfigSchema>;

/** A supervisor as a worker or `wave plan` runs it: the configuration and the folder relative paths start from. */
export type SupervisorSettings = SupervisorConfig & { baseDir: string };
