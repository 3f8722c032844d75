import { z } from 'zod';
import { DomainNameSchema } from '../../model/domain-name';

/** A command: an argv array (`["node", "agent.js", "--fast"]`) or the path of a script to run. Never a shell string. */
export const CommandSchema = z.union([
  z.array(z.string().min(1)).min(1, 'must name a program'),
  z.string().min(1, 'must name a script'),
]);

/** How one phase runs: the command, its timeout, and the environment variables it may see beside WAVE's own. */
export const PhaseCommandSchema = z
  .object({
    command: CommandSchema,
    /** Longest time the command may run; it is killed (with its children) after that. @default 600000 */
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3_600_000)
      .default(600_000),
    /** Names of worker environment variables passed through (e.g. an agent's API key). @default [] */
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')).default([]),
  })
  .strict();
export type PhaseCommand = z.infer<typeof PhaseCommandSchema>;

const PhaseSetSchema = z
  .object({
    plan: PhaseCommandSchema.optional(),
    review: PhaseCommandSchema.optional(),
    implement: PhaseCommandSchema.optional(),
    test: PhaseCommandSchema.optional(),
  })
  .strict();

/** The `command` executor's settings (`executors.command` in wave.config.json). */
export const CommandExecutorConfigSchema = z
  .object({
    /** Commands every domain uses unless it has its own. */
    phases: PhaseSetSchema.prefault({}),
    /** Per-domain commands, overriding `phases`. */
    domains: z.record(DomainNameSchema, PhaseSetSchema).default({}),
    /** Worker environment variables every command sees. @default ["PATH", "HOME", "LANG", "TMPDIR"] */
    env: z.array(z.string()).default(['PATH', 'HOME', 'LANG', 'TMPDIR']),
    /** Where the test phase writes a JUnit XML or TAP report, relative to the worktree (also in `WAVE_TEST_REPORT`). */
    testReport: z.string().min(1).optional(),
    /** The full test command run on the merged tree by the merge review. */
    mergeTest: PhaseCommandSchema.optional(),
    /**
     * Runs in the merged tree once a run is approved (by the gate or a person), e.g. a script that opens a pull
     * request with `gh pr create`. It gets `WAVE_BRANCH` (the merged branch), `WAVE_REPORT` (the run report as JSON),
     * `WAVE_REMOTE`, `WAVE_STORY`, `WAVE_STORY_ID` and `WAVE_BASE_COMMIT`; its failure is part of the report.
     */
    onApproved: PhaseCommandSchema.optional(),
    /**
     * Commands for a domain's worktree on a worker: `setup` runs once when the worktree is made there (e.g.
     * `["npm", "ci"]`; a failure fails the phase as `WorktreeSetupFailed` and the next attempt runs it again),
     * `cleanup` before `wave clean` removes it. Both run in the worktree with the executor's `env`.
     */
    worktree: z
      .object({ setup: PhaseCommandSchema.optional(), cleanup: PhaseCommandSchema.optional() })
      .strict()
      .prefault({}),
    /**
     * This worker's own clone cache: one clone per workspace remote and the domains' worktrees, relative to the
     * worker's working directory. Each worker process needs its own. @default ".wave/clones"
     */
    cacheDir: z.string().min(1).default('.wave/clones'),
  })
  .strict();
export type CommandExecutorConfig = z.infer<typeof CommandExecutorConfigSchema> & {
  /** Folder that relative script paths are resolved against (the config file's folder). */
  baseDir: string;
};
