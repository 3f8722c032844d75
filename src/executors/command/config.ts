import { z } from 'zod';
import { DomainNameSchema } from '../../model/domain-name';
import { unknownPlaceholders } from '../../workflow-safe/prompt-template';
import { AGENT_NAMES } from '../agents/adapter';
import { ModelPriceSchema } from '../agents/prices';
import { PROMPT_FIELDS } from '../agents/prompt';

/** A command: an argv array (`["node", "agent.js", "--fast"]`) or the path of a script to run. Never a shell string. */
export const CommandSchema = z.union([
  z.array(z.string().min(1)).min(1, 'must name a program'),
  z.string().min(1, 'must name a script'),
]);

export const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

const RunLimitsShape = {
  /** Longest time the command may run; it is killed (with its children) after that. @default 600000 */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(24 * 3_600_000)
    .default(600_000),
  /** Names of worker environment variables passed through (e.g. an agent's API key). @default [] */
  env: z.array(EnvNameSchema).default([]),
};

/** How one command runs: the command, its timeout, and the environment variables it may see beside WAVE's own. */
export const PhaseCommandSchema = z.object({ command: CommandSchema, ...RunLimitsShape }).strict();
export type PhaseCommand = z.infer<typeof PhaseCommandSchema>;

/**
 * A secret handed to phase commands under a variable name, by reference: the worker reads it when the phase starts
 * from its own environment (`{"env": "VAR"}`) or a file (`{"file": "/run/secrets/key"}`, first line). Its value is
 * never in the config, the workflow history, logs or reports: every output line, summary and prompt is redacted.
 */
export const SecretRefSchema = z.union([
  z.object({ env: EnvNameSchema }).strict(),
  z.object({ file: z.string().min(1, 'must name a file') }).strict(),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;
const SecretsSchema = z.record(EnvNameSchema, SecretRefSchema);

/** A prompt template whose placeholders must be among `known`. */
export function promptTemplateSchema(input: { known: readonly string[] }) {
  return z
    .string()
    .min(1)
    .superRefine((template, ctx) => {
      const unknown = unknownPlaceholders({ template, known: input.known });
      if (unknown.length)
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${unknown.join('}}, {{')}}}` });
    });
}

const PromptSchema = promptTemplateSchema({ known: PROMPT_FIELDS });

/** A `command`, or an `agent` CLI WAVE knows with its program, arguments and model: a phase's or the supervisor's. */
export const CommandOrAgentShape = {
  command: CommandSchema.optional(),
  /** A coding-agent CLI: `claude`, `codex`, `gemini` or `aider`. */
  agent: z.enum(AGENT_NAMES).optional(),
  /** The agent's executable. @default the agent's name, looked up on PATH */
  program: z.string().min(1).optional(),
  /** Extra arguments for the agent CLI, after WAVE's own. @default [] */
  args: z.array(z.string()).optional(),
  /** The model, passed with the CLI's model flag and used to price tokens. */
  model: z.string().min(1).optional(),
};

/** The fields a run by `command` or by `agent` may set: a phase's or the supervisor's. */
interface CommandOrAgent {
  command?: unknown;
  agent?: string;
  program?: string;
  args?: string[];
  model?: string;
  prompt?: string;
}

/** What is wrong with a run that must have either a command or an agent (with the agent's own settings). */
export function commandOrAgentProblems(run: CommandOrAgent): string[] {
  const problems: string[] = [];
  if ((run.command === undefined) === (run.agent === undefined)) problems.push('set either "command" or "agent"');
  // Codex names no model in its output: without one its tokens cannot be priced.
  if (run.agent === 'codex' && run.model === undefined)
    problems.push('codex needs "model" (its output does not name one, and the tokens are priced by it)');
  const agentOnly = (['program', 'args', 'model', 'prompt'] as const).filter((key) => run[key] !== undefined);
  if (run.command !== undefined && agentOnly.length) problems.push(`${agentOnly.join(', ')} only apply to an "agent"`);
  return problems;
}

/**
 * How one phase runs: a `command`, or an `agent` CLI WAVE knows (it builds the prompt, reads the CLI's JSON output
 * for the answer, tokens and cost, and resumes the agent's session on a retry).
 */
export const PhaseRunSchema = z
  .object({
    ...CommandOrAgentShape,
    /** This phase's prompt template (placeholders `{{story}}`, `{{plan}}`, …). @default executor `prompts`, then built in */
    prompt: PromptSchema.optional(),
    /** Secrets for this phase, beside the executor's. */
    secrets: SecretsSchema.optional(),
    ...RunLimitsShape,
  })
  .strict()
  .superRefine((run, ctx) =>
    commandOrAgentProblems(run).forEach((message) => ctx.addIssue({ code: 'custom', message })),
  );
export type PhaseRun = z.infer<typeof PhaseRunSchema>;

const PhaseSetSchema = z
  .object({
    plan: PhaseRunSchema.optional(),
    review: PhaseRunSchema.optional(),
    implement: PhaseRunSchema.optional(),
    test: PhaseRunSchema.optional(),
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
    /** Secrets every phase gets, by reference (`{"ANTHROPIC_API_KEY": {"env": "WAVE_ANTHROPIC_KEY"}}`). @default {} */
    secrets: SecretsSchema.default({}),
    /** Agents' prompt templates per phase, replacing the built-in ones. @default {} */
    prompts: z
      .object({
        plan: PromptSchema.optional(),
        review: PromptSchema.optional(),
        implement: PromptSchema.optional(),
        test: PromptSchema.optional(),
      })
      .strict()
      .default({}),
    /**
     * Prices per million tokens by model (or start of a model name), over the built-in table (dated, see
     * `DEFAULT_PRICES_AS_OF`): used for agents whose CLI reports tokens only. @default {}
     */
    prices: z.record(z.string().min(1), ModelPriceSchema).default({}),
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
