import type { Usage } from '../model/budget';
import type { DomainProgress, StoryProgress } from '../model/progress';
import type { PhaseRecord } from '../model/results';
import { isFailure } from './domain-status';
import { inlineMarkdown, markdownTable } from './markdown';
import { ZERO_USAGE, sumUsage, usageText } from './usage';

/** Rows a current-details table shows; wider fan-outs list the domains that are running or did not succeed. */
export const DETAILS_MAX_ROWS = 50;

/** The domains a story's table shows, and a line that says what it leaves out (wide fan-outs only). */
function shownDomains(domains: DomainProgress[]): { rows: DomainProgress[]; note?: string } {
  if (domains.length <= DETAILS_MAX_ROWS) return { rows: domains };
  const counts = new Map<string, number>();
  for (const d of domains) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  const notable = domains.filter((d) => d.status !== 'pending' && d.status !== 'succeeded');
  const summary = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  return {
    rows: notable.slice(0, DETAILS_MAX_ROWS),
    note: `${domains.length} domains: ${summary}. The table lists those running or not succeeded${notable.length > DETAILS_MAX_ROWS ? ` (the first ${DETAILS_MAX_ROWS} of ${notable.length})` : ''}.`,
  };
}

/** The story run's current details in the Web UI: stage and one row per domain with status, phases and budget. */
export function storyDetailsMarkdown(progress: StoryProgress): string {
  const used = sumUsage(progress.domains.map((d) => d.budgetUsed ?? ZERO_USAGE));
  const stage = progress.outcome ? `${progress.stage} · **${progress.outcome}**` : progress.stage;
  const layer = progress.layerCount > 0 ? ` · layer ${progress.currentLayer + 1} of ${progress.layerCount}` : '';
  const lines = [
    `**${inlineMarkdown(progress.title)}** — ${stage}${layer} · budget used ${usageText({ used, style: 'details' })}`,
    '',
  ];
  if (progress.reviewReason) lines.push(`Waiting for merge review: ${inlineMarkdown(progress.reviewReason)}`, '');
  const shown = shownDomains(progress.domains);
  if (shown.note) lines.push(shown.note, '');
  lines.push(
    markdownTable({
      header: ['domain', 'critical', 'layer', 'status', 'phases done', 'budget used', 'error'],
      rows: shown.rows.map((d) => [
        d.name,
        d.critical ? 'yes' : 'no',
        String(d.layer),
        isFailure(d.status) ? `**${d.status}**` : d.status,
        d.phasesDone === undefined ? '' : String(d.phasesDone),
        d.budgetUsed ? usageText({ used: d.budgetUsed, style: 'details' }) : '',
        inlineMarkdown(d.error ?? ''),
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
  const head = `**${input.domain}** — ${input.running ? `running ${input.running}` : 'finished'} · budget ${usageText({ used: input.used, allotted: input.allotted, style: 'details' })}`;
  const rows = input.phases.map((p) => [
    p.phase,
    String(p.iteration),
    p.tests ? `${p.tests.passed} passed, ${p.tests.failed} failed` : p.approved === false ? 'rejected' : 'done',
    usageText({ used: p.usage, style: 'details' }),
    inlineMarkdown(p.summary),
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
    `**${domain.name}** of “${inlineMarkdown(input.title)}”`,
    '',
    markdownTable({
      header: ['critical', 'layer', 'depends on', 'planned share', 'allotted (with carry-over)'],
      rows: [
        [
          domain.critical ? 'yes: its failure fails the run' : 'no',
          String(domain.layer),
          domain.dependsOn.join(', ') || '—',
          usageText({ used: domain.budget, style: 'details' }),
          usageText({ used: input.budget, style: 'details' }),
        ],
      ],
    }),
  ].join('\n');
}
