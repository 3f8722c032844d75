import type { MergeResult } from '../model/merge';
import type { StoryPlan, SupervisorRecord } from '../model/plan';
import type { DomainProgress, StoryProgress } from '../model/progress';
import type { ApprovalHook, RunReport } from '../model/report';
import { duration } from '../reporting/cells';
import { estimatedCostNote } from '../reporting/estimated-cost';
import type { StorySummary } from '../temporal/story-client';
import { domainErrorText } from '../workflow-safe/domain-error';
import { formatTokens, formatUsd, usageText } from '../workflow-safe/usage';
import { table } from './text-table';

/** `wave plan` in text. */
export function renderPlan(plan: StoryPlan): string {
  const rows = [['DOMAIN', 'LAYER', 'CRITICAL', 'BUDGET', 'DEPENDS ON', 'WHY']];
  for (const d of plan.domains) {
    rows.push([
      d.name,
      String(d.layer),
      d.critical ? 'yes' : 'no',
      usageText({ used: d.budget, style: 'text' }),
      d.dependsOn.join(',') || '-',
      d.reason,
    ]);
  }
  return [
    `Plan for "${plan.title}": ${plan.domains.length} domain(s), ${plan.layers.length} layer(s), ${routingText(plan)}`,
    ...table(rows).map((line) => `  ${line}`),
    `Layers: ${plan.layers.map((layer, i) => `${i}: ${layer.join(', ')}`).join(' → ')}`,
    `Budget: ${formatTokens(plan.budget.tokens)} tokens, ${formatUsd(plan.budget.costUsd)}`,
  ].join('\n');
}

/** Who chose the plan's domains, and why not the supervisor when it was asked and not followed. */
function routingText(plan: StoryPlan): string {
  const { supervisor } = plan;
  if (plan.routedBy === 'request') return 'domains named in the request';
  if (plan.routedBy === 'supervisor') {
    const how = supervisor
      ? ` (${[supervisor.command, duration(supervisor.durationMs), ...spent(supervisor)].join(', ')})`
      : '';
    return `routed by supervisor${how}`;
  }
  return supervisor?.fallback
    ? `routed by built-in router (supervisor fell back: ${[supervisor.fallback, ...spent(supervisor)].join('; ')})`
    : 'routed by built-in router';
}

/** What an agent supervisor spent, as the plan's header shows it. */
function spent(supervisor: SupervisorRecord): string[] {
  const { usage } = supervisor;
  if (!usage) return [];
  return [`${formatTokens(usage.tokens)} tokens`, `${formatUsd(usage.costUsd)}${usage.estimated ? ' estimated' : ''}`];
}

function phaseCell(row: DomainProgress): string {
  if (row.status !== 'running' || !row.phase) return '-';
  return row.iteration ? `${row.phase} (fix ${row.iteration})` : row.phase;
}

/** The live progress table (also `wave status` of a running story). */
export function renderProgress(progress: StoryProgress): string[] {
  const rows = [['DOMAIN', 'CRITICAL', 'LAYER', 'STATUS', 'PHASE', 'PHASES', 'USED']];
  for (const row of progress.domains) {
    rows.push([
      row.name,
      row.critical ? 'yes' : 'no',
      String(row.layer),
      row.status,
      phaseCell(row),
      String(row.phasesDone ?? 0),
      row.budgetUsed ? usageText({ used: row.budgetUsed, style: 'text' }) : '-',
    ]);
  }
  const layer = progress.layerCount ? ` · layer ${progress.currentLayer + 1}/${progress.layerCount}` : '';
  return [
    `${progress.storyId} · ${progress.stage}${layer}`,
    ...table(rows).map((line) => `  ${line}`),
    ...(progress.stage === 'awaiting-review' ? awaitingReview(progress) : []),
  ];
}

/** What a person needs to decide a run waiting for review. */
export function awaitingReview(progress: StoryProgress): string[] {
  return [
    `Awaiting review: ${progress.reviewReason ?? 'a person must decide'}`,
    `  decide with: wave review ${progress.storyId} --approve | --reject --comment "…"`,
  ];
}

/** One plain line per domain change, for logs and pipes. */
export function progressLine(row: DomainProgress): string {
  return row.status === 'running' && row.phase ? `${row.name}: ${phaseCell(row)}` : `${row.name}: ${row.status}`;
}

/** The run report in text. */
export function renderReport(report: RunReport): string {
  const rows = [['DOMAIN', 'CRITICAL', 'STATUS', 'TESTS', 'FIXES', 'FILES', 'BUDGET USED', 'ERROR']];
  for (const d of report.domains) {
    rows.push([
      d.domain,
      d.critical ? 'yes' : 'no',
      d.status,
      `${d.tests.passed}/${d.tests.passed + d.tests.failed}`,
      String(Math.max(0, d.attempts - 1)),
      String(d.filesModified.length),
      usageText({ used: d.budgetUsed, allotted: d.budgetAllotted, style: 'text' }),
      domainErrorText(d),
    ]);
  }
  const overlaps = report.overlaps.map((o) => `${o.path} (${o.domains.join(', ')})`);
  return [
    `Story: ${report.title} (${report.storyId})${report.simulated ? ' [simulated executor]' : ''}`,
    `Outcome: ${report.outcome.toUpperCase()}${report.halted ? ' (halted)' : ''}${report.reason ? ` — ${report.reason}` : ''}`,
    ...table(rows).map((line) => `  ${line}`),
    `Files: ${report.aggregatedFiles.length} changed by ${Object.values(report.filesByDomain).filter((f) => f.length).length} domain(s)`,
    `Overlaps: ${overlaps.length ? overlaps.join('; ') : 'none'}`,
    `Tests: ${report.tests.passed} passed, ${report.tests.failed} failed, ${report.tests.skipped} skipped${report.allTestsPassed ? ' — all passed' : ''}`,
    `Budget: ${usageText({ used: report.budget.used, allotted: report.budget.allotted, style: 'text' })}${estimatedCostNote(report.budget)}`,
    ...(report.merge ? renderMerge(report.merge) : []),
    `Review: ${report.review.decision} by ${report.review.by} — ${report.review.reason}${report.review.comment ? ` ("${report.review.comment}")` : ''}`,
    ...(report.onApproved ? renderApprovalHook(report.onApproved) : []),
    `Time: ${(report.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** `wave list` in text. */
export function renderList(rows: StorySummary[]): string {
  if (rows.length === 0) return 'No story runs yet.';
  return table([
    ['STORY ID', 'STATUS', 'WAVE STATUS', 'STARTED', 'TITLE'],
    ...rows.map((r) => [r.storyId, r.status, r.waveStatus ?? '-', r.startTime, r.title]),
  ]).join('\n');
}

function renderApprovalHook(hook: ApprovalHook): string[] {
  if (hook.passed) return [`On approval: passed: ${hook.command}`];
  return [
    `On approval: FAILED (exit code ${hook.exitCode ?? 'none'}): ${hook.command}`,
    ...hook.tail
      .trim()
      .split('\n')
      .slice(-5)
      .map((line) => `  ${line}`),
  ];
}

function renderMerge(merge: MergeResult): string[] {
  const conflicts = merge.conflicts.map(
    (c) => `${c.domain} conflicts with ${c.with.join(', ') || 'the base'} in ${c.files.join(', ')}`,
  );
  const tests = merge.tests
    ? `${merge.tests.passed ? 'passed' : `failed (exit code ${merge.tests.exitCode ?? 'none'})`}: ${merge.tests.command}`
    : 'none configured';
  return [
    `Merge: ${merge.branch} at ${merge.headCommit.slice(0, 12)}, merged ${merge.merged.join(', ') || 'nothing'}`,
    ...conflicts.map((line) => `  conflict: ${line}`),
    `Merged tests: ${merge.conflicts.length ? 'not run (conflicts)' : tests}`,
  ];
}
