import {
  BUDGET_COLUMNS,
  DOMAIN_COLUMNS,
  TIMELINE_COLUMNS,
  budgetCells,
  domainCells,
  headerFields,
  timelineCells,
  usedShare,
} from './cells';
import { escapeHtml } from './escape-html';
import { ganttSvg } from './gantt-svg';
import type { ReportModel } from './model';

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #666; --line: #ddd; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.status { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; background: #777; }
.status-succeeded { background: #2e7d32; } .status-partial { background: #b26a00; }
.status-failed, .status-cancelled, .status-terminated, .status-timed-out { background: #c62828; }
.status-running { background: #1565c0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.summary dt { color: var(--muted); } dl.summary dd { margin: 0; overflow-wrap: anywhere; }
.note { background: #fff8e1; border-left: 4px solid #f9a825; padding: 6px 10px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f5f5f5; font-weight: 600; }
td:not(:last-child) { white-space: nowrap; } td.error { color: #b71c1c; overflow-wrap: anywhere; }
tr.failed td:first-child { border-left: 3px solid #e15759; } tr.retried td:first-child { border-left: 3px solid #edc948; }
.meter { width: 160px; height: 10px; background: #eee; border-radius: 5px; overflow: hidden; }
.meter span { display: block; height: 100%; background: #4e79a7; }
.meter span.over { background: #e15759; }
svg.gantt { width: 100%; height: auto; font-size: 11px; }
svg.gantt .band { fill: #f7f7f7; } svg.gantt .grid { stroke: #e3e3e3; } svg.gantt .life { stroke: #c8c8c8; stroke-width: 2; }
svg.gantt .tick { fill: var(--muted); text-anchor: middle; }
svg.gantt .lane-label { text-anchor: end; fill: var(--ink); font-weight: 600; }
svg.gantt .bar-label, svg.gantt .bar-mark { fill: #111; paint-order: stroke; stroke: #fff; stroke-width: 3px; font-weight: 600; }
svg.gantt .bar-label { text-anchor: middle; }
svg.gantt .legend text { fill: var(--muted); }
svg.gantt .retried rect, svg.gantt .outcome-failed rect, svg.gantt .outcome-timed-out rect { stroke: #333; stroke-width: 1; }
svg.gantt .outcome-running rect { opacity: 0.55; stroke: #333; stroke-dasharray: 3 2; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
@media print {
  main { max-width: none; padding: 0; } body { font-size: 11px; }
  h2 { break-after: avoid; } tr, svg.gantt { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/**
 * The run report as one self-contained HTML page: inline CSS and SVG, no script, no external resource (the page's
 * Content-Security-Policy forbids them), every piece of text escaped.
 */
export function renderHtml(model: ReportModel): string {
  const { timeline } = model;
  const runs = timeline.lanes.flatMap((lane) => lane.runs.map((run) => ({ lane: lane.name, run })));
  const timelineRows = runs.map(({ lane, run }) => ({
    cells: timelineCells({ lane, run, originMs: timeline.startMs, nowMs: timeline.endMs }),
    className: run.outcome === 'failed' || run.outcome === 'timed-out' ? 'failed' : run.attempts > 1 ? 'retried' : '',
  }));
  const domainTable = htmlTable({
    columns: DOMAIN_COLUMNS,
    rows: model.domains.map((d) => ({ cells: domainCells(d), className: d.error ? 'failed' : '' })),
  });
  const budgeted = model.domains.filter((d) => d.used);
  const budgetTable = htmlTable({
    columns: [...BUDGET_COLUMNS, ''],
    rows: budgeted.map((d) => ({ cells: budgetCells(d), meter: usedShare(d) })),
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`WAVE report: ${model.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(model.title)}</h1>
<span class="status status-${escapeHtml(model.status)}">${escapeHtml(model.status.toUpperCase())}</span>
<dl class="summary">
${headerFields(model)
  .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
  .join('\n')}
</dl>
${model.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n')}
<h2>Domains</h2>
${model.domains.length ? domainTable : '<p>No domain results.</p>'}
<h2>Timeline</h2>
${runs.length ? ganttSvg(timeline) : '<p>No phase has run yet.</p>'}
${runs.length ? htmlTable({ columns: TIMELINE_COLUMNS, rows: timelineRows }) : ''}
<h2>Budget per domain</h2>
${budgeted.length ? budgetTable : '<p>No budget figures yet.</p>'}
<footer>Generated by <code>wave report</code> at ${escapeHtml(model.generatedAt)}.</footer>
</main>
</body>
</html>
`;
}

interface HtmlRow {
  cells: string[];
  className?: string;
  /** Share of the budget used, drawn as a bar in the last column when the table has one more column than cells. */
  meter?: number | undefined;
}

function htmlTable(input: { columns: string[]; rows: HtmlRow[] }): string {
  const head = input.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = input.rows.map((row) => {
    const cells = row.cells.map(
      (cell, i) => `<td${input.columns[i] === 'Error' && cell ? ' class="error"' : ''}>${escapeHtml(cell)}</td>`,
    );
    if (input.columns.length > row.cells.length)
      cells.push(`<td>${row.meter !== undefined ? meter(row.meter) : ''}</td>`);
    return `<tr${row.className ? ` class="${row.className}"` : ''}>${cells.join('')}</tr>`;
  });
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function meter(share: number): string {
  const percent = Math.min(100, Math.max(0, share * 100)).toFixed(1);
  return `<div class="meter" title="${escapeHtml(`${(share * 100).toFixed(1)}% of the allotted budget`)}"><span class="${share > 1 ? 'over' : ''}" style="width:${percent}%"></span></div>`;
}
