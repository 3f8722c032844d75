import { z } from 'zod';
import { SUPERVISOR_PROMPT_FIELDS } from '../../planning/supervisor-prompt';
import { CommandOrAgentShape, EnvNameSchema, commandOrAgentProblems, promptTemplateSchema } from '../command/config';

/**
 * Longest a supervisor may run. The supervise activity has one minute in all (its timeout is in workflow code, which
 * this setting cannot change), and preparing the workspace after routing needs the rest.
 */
export const MAX_SUPERVISOR_TIMEOUT_MS = 45_000;

/**
 * `supervisor` in wave.config.json (docs/supervisor.md): what routes stories instead of the built-in router. Either a
 * `command` (argv or a script path, resolved against the config file's folder) that reads the story and the catalog
 * as JSON on stdin and prints its answer, or an `agent` CLI WAVE knows, asked with a routing prompt; its answer's
 * tokens and dollars are recorded in the plan.
 */
export const SupervisorConfigSchema = z
  .object({
    ...CommandOrAgentShape,
    /** The agent's prompt template, with `{{story}}` and `{{catalog}}`. @default the built-in routing prompt */
    prompt: promptTemplateSchema({ known: SUPERVISOR_PROMPT_FIELDS }).optional(),
    /** Longest time it may run; then it is killed with its children and the built-in router routes. @default 30000 */
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(
        MAX_SUPERVISOR_TIMEOUT_MS,
        `must be at most ${MAX_SUPERVISOR_TIMEOUT_MS}: the supervise activity has one minute in all`,
      )
      .default(30_000),
    /** Names of worker environment variables it may see beside PATH and HOME (e.g. an API key). @default [] */
    env: z.array(EnvNameSchema).default([]),
  })
  .strict()
  .superRefine((config, ctx) =>
    commandOrAgentProblems(config).forEach((message) => ctx.addIssue({ code: 'custom', message })),
  );
export type SupervisorConfig = z.infer<typeof SupervisorConfigSchema>;

/** A supervisor as a worker or `wave plan` runs it: the configuration and the folder relative paths start from. */
export type SupervisorSettings = SupervisorConfig & { baseDir: string };
