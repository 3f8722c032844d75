import { BudgetSchema } from './budget';
import { cell, dollars } from './details-markdown';
import type { StoryRequestInput } from './story-request';

/** The fixed description of a story run in the Web UI: what was asked, by which executor, on what budget. */
export function runStaticDetails(request: StoryRequestInput): string {
  const budget = BudgetSchema.safeParse(request.budget ?? {});
  const limits = budget.success
    ? `${budget.data.tokens} tokens · ${dollars(budget.data.costUsd)}` +
      (budget.data.wallClockMs ? ` · ${budget.data.wallClockMs} ms wall clock` : '')
    : 'invalid';
  const items: [string, string][] = [
    ['domains', request.domains?.join(', ') ?? 'routed by the supervisor'],
    ['executor', `${request.executor?.kind ?? 'simulated'}${request.workspace ? ` on ${request.workspace}` : ''}`],
    ['budget', limits],
  ];
  return [
    `**${cell(request.title)}**`,
    ...(request.description ? ['', cell(request.description)] : []),
    '',
    ...items.map(([name, value]) => `- ${name}: ${cell(value)}`),
  ].join('\n');
}
