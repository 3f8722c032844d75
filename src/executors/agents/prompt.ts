import type { Phase } from '../../model/phase';
import type { PhaseInput } from '../../model/phase-input';
import { fillPlaceholders } from '../../workflow-safe/prompt-template';
import { formatTokens, formatUsd } from '../../workflow-safe/usage';

/** The placeholders a prompt template may use, as `{{name}}`. */
export const PROMPT_FIELDS = [
  'story',
  'description',
  'storyId',
  'domain',
  'phase',
  'iteration',
  'plan',
  'feedback',
  'budget',
  'branch',
  'testReport',
] as const;
export type PromptField = (typeof PROMPT_FIELDS)[number];

const CONTEXT = `You are the {{domain}} engineer on a team delivering one story in parallel across domains.
Story ({{storyId}}): {{story}}
{{description}}
Work only on the {{domain}} part; other domains are handled by other engineers on their own branches.
Budget left for your domain: {{budget}}. Be economical.`;

/**
 * The prompt of each phase. The review and test prompts ask for a last line `VERDICT: …` that WAVE reads; the plan
 * prompt asks for a short plan naming files, which review, implement and test receive.
 */
export const DEFAULT_PROMPTS: Readonly<Record<Phase, string>> = {
  plan: `${CONTEXT}

Phase: plan. Read the repository (your working directory) and write a short implementation plan for the {{domain}} part: the files you will create or change and the tests you will add. Do not change any file. Answer with the plan only.`,
  review: `${CONTEXT}

Phase: review. Review this plan for the {{domain}} part before anyone implements it:
{{plan}}

Check that it is small, names its files, fits the repository and leaves other domains' work alone. Do not change any file. End your answer with one line: "VERDICT: APPROVE" or "VERDICT: REJECT", after your reasons.`,
  implement: `${CONTEXT}

Phase: implement (round {{iteration}}). Implement the {{domain}} part following this plan, with tests:
{{plan}}

Failing test output from the previous round, to fix (empty on the first round):
{{feedback}}

Edit the files in your working directory; do not commit, WAVE commits your changes on branch {{branch}}. End with a one-paragraph summary of what you changed.`,
  test: `${CONTEXT}

Phase: test. Run the project's tests for the {{domain}} part (do not change any file). If the test runner can write a JUnit XML or TAP report, write it to {{testReport}}. Summarize the failures, if any, then end with one line: "VERDICT: PASS" or "VERDICT: FAIL".`,
};

/** The values a prompt's placeholders take for one phase. */
export function promptValues(input: {
  phase: PhaseInput;
  branch: string;
  testReport: string;
}): Record<PromptField, string> {
  const p = input.phase;
  return {
    story: p.story.title,
    description: p.story.description ?? '',
    storyId: p.story.storyId,
    domain: p.domain,
    phase: p.phase,
    iteration: String(p.iteration),
    plan: p.plan ?? '',
    feedback: p.feedback ?? '',
    budget: `${formatTokens(p.budgetLeft.tokens)} tokens, ${formatUsd(p.budgetLeft.costUsd)}`,
    branch: input.branch,
    testReport: input.testReport,
  };
}

/** Fills `template`'s placeholders; blank lines left by empty values are collapsed. */
export function renderPrompt(input: { template: string; values: Record<PromptField, string> }): string {
  return fillPlaceholders(input)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What a review or test agent decided in its last `VERDICT:` line; undefined when it gave none. */
export function verdictOf(message: string): 'pass' | 'fail' | undefined {
  const all = [...message.matchAll(/VERDICT:\s*(APPROVE|APPROVED|PASS|PASSED|REJECT|REJECTED|FAIL|FAILED)\b/gi)];
  const last = all.at(-1)?.[1]?.toUpperCase();
  if (last === undefined) return undefined;
  return last.startsWith('APPROVE') || last.startsWith('PASS') ? 'pass' : 'fail';
}
