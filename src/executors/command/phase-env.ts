import type { PhaseInput } from '../../model/phase-input';

/** The worker's variables named in `names` (those that are set), and nothing else of its environment. */
export function allowedEnv(input: { names: string[]; source?: NodeJS.ProcessEnv }): Record<string, string> {
  const source = input.source ?? process.env;
  const env: Record<string, string> = {};
  for (const name of input.names) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * The environment of a phase command: only allow-listed worker variables, plus WAVE's inputs as `WAVE_*` variables.
 * Values are passed as they are — nothing is ever interpolated into a shell string.
 */
export function phaseEnv(input: {
  phase: PhaseInput;
  allow: string[];
  worktree: string;
  branch: string;
  testReport: string;
  configDir: string;
  attempt: number;
  source?: NodeJS.ProcessEnv;
}): Record<string, string> {
  const env = allowedEnv({ names: input.allow, ...(input.source ? { source: input.source } : {}) });
  const p = input.phase;
  const { story } = p;
  return {
    ...env,
    WAVE_STORY: story.title,
    WAVE_STORY_ID: story.storyId,
    WAVE_DESCRIPTION: story.description ?? '',
    WAVE_DOMAIN: p.domain,
    WAVE_PHASE: p.phase,
    WAVE_ITERATION: String(p.iteration),
    WAVE_ATTEMPT: String(input.attempt),
    WAVE_PLAN: p.plan ?? '',
    WAVE_FEEDBACK: p.feedback ?? '',
    WAVE_BUDGET_TOKENS_LEFT: String(p.budgetLeft.tokens),
    WAVE_BUDGET_USD_LEFT: String(p.budgetLeft.costUsd),
    WAVE_WORKTREE: input.worktree,
    WAVE_BRANCH: input.branch,
    WAVE_BASE_COMMIT: story.workspace?.baseCommit ?? '',
    WAVE_TEST_REPORT: input.testReport,
    WAVE_CONFIG_DIR: input.configDir,
  };
}
