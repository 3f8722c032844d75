import { z } from 'zod';
import { SimulatedExecutorSchema } from './simulation';

/** Known executor kinds. The `command` executor (real work in git worktrees) arrives with its own schema. */
export const EXECUTOR_KINDS = ['simulated'] as const;

/** Which executor runs the phases, with its settings. */
export const ExecutorConfigSchema = z.discriminatedUnion('kind', [SimulatedExecutorSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `unknown executor kind ${JSON.stringify((issue.input as { kind?: unknown } | undefined)?.kind)} (known: ${EXECUTOR_KINDS.join(', ')})`
      : undefined,
});
export type ExecutorConfig = z.infer<typeof ExecutorConfigSchema>;
