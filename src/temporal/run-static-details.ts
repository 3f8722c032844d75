import { BudgetSchema } from '../model/budget';
import type { StoryRequestInput } from '../model/story-request';
import { inlineMarkdown } from '../workflow-safe/markdown';
import { formatUsd } from '../workflow-safe/usage';

/** The fixed description of a story run in the Web UI: what was asked, by which executor, on what budget. */
export function runStaticDetails(request: StoryRequestInput): string {
  const budget = BudgetSchema.safeParse(request.budget ?? {});
  const limits = budget.success
    ? `${budget.data.tokens} tokens · ${formatUsd(budget.data.costUsd)}` +
      (budget.data.wallClockMs ? ` · ${budget.data.wallClockMs} ms wall clock` : '')
    : 'invalid';
  const items: [string, string][] = [
    ['domains', request.domains?.join(', ') ?? 'routed by the supervisor'],
    ['executor', `${request.executor?.kind ?? 'simulated'}${request.workspace ? ` on ${request.workspace}` : ''}`],
    ['budget', limits],
  ];
  return [
    `**${inlineMarkdown(request.title)}**`,
    ...(request.description ? ['', inlineMarkdown(request.description)] : []),
    '',
    ...items.map(([name, value]) => `- ${name}: ${inlineMarkdown(value)}`),
  ].join('\n');
}
