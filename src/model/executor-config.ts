import { z } from 'zod';
import { SimulatedExecutorSchema } from './simulation';

/** Known executor kinds. */
export const EXECUTOR_KINDS = ['simulated', 'command'] as const;

/**
 * The command executor: real commands (any agent CLI or script) in one git worktree per domain. What each phase runs
 * is the worker's configuration (`executors.command` in wave.config.json), never the request's.
 */
export const CommandExecutorSchema = z.object({ kind: z.literal('command') }).strict();

/** Which executor runs the phases, with its settings. */
export const ExecutorConfigSchema = z.discriminatedUnion('kind', [SimulatedExecutorSchema, CommandExecutorSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `unknown executor kind ${JSON.stringify((issue.input as { kind?: unknown } | undefined)?.kind)} (known: ${EXECUTOR_KINDS.join(', ')})`
      : undefined,
});
export type ExecutorConfig = z.infer<typeof ExecutorConfigSchema>;
