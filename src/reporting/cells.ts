import { formatTokens, formatUsd, usageText } from '../workflow-safe/usage';
import { ZERO_USAGE } from '../workflow-safe/usage';
import type { DomainRow, ReportModel } from './model';
import type { PhaseRun } from './timeline';

// The plain-text cells both report formats show; each format escapes them its own way.

export const DOMAIN_COLUMNS = [
  'Domain',
  'Critical',
  'Layer',
  'Status',
  'Attempts (fixes)',
  'Tests passed/failed',
  'Files changed',
  'Budget used / allotted',
  'Error',
];

export const TIMELINE_COLUMNS = ['Domain', 'Phase', 'Start', 'Duration', 'Attempts', 'Result'];

export const BUDGET_COLUMNS = ['Domain', 'Tokens used / allotted', 'Share used', 'USD used / allotted'];

const UNKNOWN = '–';

/** The header: label and value pairs. */
export function headerFields(model: ReportModel): [string, string][] {
  const status = `${model.status.toUpperCase()}${model.statusDetail ? ` (${model.statusDetail})` : ''}`;
  const fields: [string, string | undefined][] = [
    ['Story', model.storyId],
    ['Status', status],
    ['Review', model.review],
    ['Executor', model.executor],
    ['Started', model.startedAt],
    ['Finished', model.finishedAt ?? (model.running ? 'still running' : undefined)],
    ['Duration', model.durationMs !== undefined ? duration(model.durationMs) : undefined],
    [
      'Budget',
      model.budget
        ? `${usageText({ used: model.budget.used, allotted: model.budget.allotted, style: 'text' })}${model.budget.note ?? ''}`
        : undefined,
    ],
  ];
  return fields.map(([label, value]) => [label, value ?? UNKNOWN]);
}

export function domainCells(row: DomainRow): string[] {
  const fixes = row.attempts !== undefined ? Math.max(0, row.attempts - 1) : undefined;
  return [
    row.domain,
    row.critical ? 'yes' : 'no',
    String(row.layer),
    row.status,
    row.attempts !== undefined ? `${row.attempts} (${fixes})` : UNKNOWN,
    row.tests ? `${row.tests.passed}/${row.tests.failed}` : UNKNOWN,
    row.filesChanged !== undefined ? String(row.filesChanged) : UNKNOWN,
    row.used ? usageText({ used: row.used, allotted: row.allotted, style: 'text' }) : UNKNOWN,
    row.error ?? '',
  ];
}

/** A phase's name with its fix round: `implement (fix 1)`. */
export function phaseName(run: PhaseRun): string {
  return run.iteration > 0 ? `${run.phase} (fix ${run.iteration})` : run.phase;
}

/** Start offset from the story's start, duration, attempts and result of one phase run. */
export function timelineCells(input: { lane: string; run: PhaseRun; originMs: number; nowMs: number }): string[] {
  const { run } = input;
  return [
    input.lane,
    phaseName(run),
    `+${duration(run.scheduledAt - input.originMs)}`,
    duration((run.endedAt ?? input.nowMs) - run.scheduledAt),
    String(run.attempts),
    resultText(run),
  ];
}

/** What happened to a phase, with the retry marker and the failure. */
export function resultText(run: PhaseRun): string {
  const outcome = run.outcome === 'timed-out' ? 'timed out' : run.outcome;
  const failure = run.failure ? `: ${run.failure}` : '';
  const retried =
    run.attempts > 1 ? `, retried ×${run.attempts - 1}${run.retryReason ? ` (${run.retryReason})` : ''}` : '';
  return `${outcome}${failure}${retried}`;
}

export function budgetCells(row: DomainRow): string[] {
  const used = row.used ?? ZERO_USAGE;
  return [
    row.domain,
    `${formatTokens(used.tokens)} / ${row.allotted ? formatTokens(row.allotted.tokens) : UNKNOWN}`,
    share(row),
    `${formatUsd(used.costUsd)} / ${row.allotted ? formatUsd(row.allotted.costUsd) : UNKNOWN}`,
  ];
}

/** Share of the allotted tokens (or dollars, whichever is larger) a domain used, 0–1; undefined when unknown. */
export function usedShare(row: Pick<DomainRow, 'used' | 'allotted'>): number | undefined {
  if (!row.used || !row.allotted) return undefined;
  const parts = [
    row.allotted.tokens > 0 ? row.used.tokens / row.allotted.tokens : 0,
    row.allotted.costUsd > 0 ? row.used.costUsd / row.allotted.costUsd : 0,
  ];
  return Math.max(...parts);
}

function share(row: DomainRow): string {
  const value = usedShare(row);
  return value === undefined ? UNKNOWN : `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

/** `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function duration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const seconds = Math.round(value / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}
