import type { Usage } from './usage';
import type { StoryProgress } from './progress';
import type { PhaseRecord } from './results';

/** Markdown cells must not break the table: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function dollars(value: number): string {
  return `$${value.toFixed(value < 1 ? 3 : 2)}`;
}

/** `1200 tok · $0.012` (no locale formatting: workflow code must not depend on the machine's locale). */
export function usageText(used: Usage, allotted?: Usage): string {
  return allotted
    ? `${used.tokens} / ${allotted.tokens} tok · ${dollars(used.costUsd)} / ${dollars(allotted.costUsd)}`
    : `${used.tokens} tok · ${dollars(used.costUsd)}`;
}

function markdownTable(input: { header: string[]; rows: string[][] }): string {
  return [
    `| ${input.header.join(' | ')} |`,
    `| ${input.header.map(() => '---').join(' | ')} |`,
    ...input.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The story run's current details in the Web UI: stage and one row per domain with status, phases and budget. */
export function storyDetailsMarkdown(progress: StoryProgress): string {
  const used = progress.domains.reduce(
    (sum, d) => ({
      tokens: sum.tokens + (d.budgetUsed?.tokens ?? 0),
      costUsd: sum.costUsd + (d.budgetUsed?.costUsd ?? 0),
    }),
    { tokens: 0, costUsd: 0 },
  );
  const stage = progress.outcome ? `${progress.stage} · **${progress.outcome}**` : progress.stage;
  const layer = progress.layerCount > 0 ? ` · layer ${progress.currentLayer + 1} of ${progress.layerCount}` : '';
  const lines = [`**${cell(progress.title)}** — ${stage}${layer} · budget used ${usageText(used)}`, ''];
  if (progress.reviewReason) lines.push(`Waiting for merge review: ${cell(progress.reviewReason)}`, '');
  lines.push(
    markdownTable({
      header: ['domain', 'critical', 'layer', 'status', 'phases done', 'budget used', 'error'],
      rows: progress.domains.map((d) => [
        d.name,
        d.critical ? 'yes' : 'no',
        String(d.layer),
        d.status === 'failed' || d.status === 'budget-exceeded' ? `**${d.status}**` : d.status,
        d.phasesDone === undefined ? '' : String(d.phasesDone),
        d.budgetUsed ? usageText(d.budgetUsed) : '',
        d.error ?? '',
      ]),
    }),
  );
  return lines.join('\n');
}

/** A domain run's current details: the phase running now and every finished phase with its result and cost. */
export function domainDetailsMarkdown(input: {
  domain: string;
  running?: string;
  phases: PhaseRecord[];
  used: Usage;
  allotted: Usage;
}): string {
  const head = `**${input.domain}** — ${input.running ? `running ${input.running}` : 'finished'} · budget ${usageText(input.used, input.allotted)}`;
  const rows = input.phases.map((p) => [
    p.phase,
    String(p.iteration),
    p.tests ? `${p.tests.passed} passed, ${p.tests.failed} failed` : p.approved === false ? 'rejected' : 'done',
    usageText(p.usage),
    p.summary,
  ]);
  return [head, '', markdownTable({ header: ['phase', 'fix round', 'result', 'used', 'summary'], rows })].join('\n');
}

/** The fixed description of a domain's child workflow: which story, critical or not, layer, dependencies, budget. */
export function domainStaticDetails(input: {
  title: string;
  domain: { name: string; critical: boolean; layer: number; dependsOn: string[]; budget: Usage };
  budget: Usage;
}): string {
  const { domain } = input;
  return [
    `**${cell(domain.name)}** of “${cell(input.title)}”`,
    '',
    markdownTable({
      header: ['critical', 'layer', 'depends on', 'planned share', 'allotted (with carry-over)'],
      rows: [
        [
          domain.critical ? 'yes: its failure fails the run' : 'no',
          String(domain.layer),
          domain.dependsOn.join(', ') || '—',
          usageText(domain.budget),
          usageText(input.budget),
        ],
      ],
    }),
  ].join('\n');
}
