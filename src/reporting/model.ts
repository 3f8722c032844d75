import type { Usage } from '../model/budget';
import type { RunReport } from '../model/report';
import type { TestCounts } from '../model/results';
import type { StoryState } from '../temporal/story-client';
import { domainErrorText } from '../workflow-safe/domain-error';
import { sumUsage } from '../workflow-safe/usage';
import { estimatedCostNote } from './estimated-cost';
import type { Timeline } from './timeline';
import { STORY_LANE } from './timeline';

/** One row of the report's domain table; unknown figures (a running story) are left unset. */
export interface DomainRow {
  domain: string;
  critical: boolean;
  layer: number;
  status: string;
  /** Implement/test rounds (1 = no fix needed). */
  attempts?: number;
  tests?: TestCounts;
  filesChanged?: number;
  used?: Usage;
  allotted?: Usage;
  error?: string;
}

/** Everything the Markdown and HTML reports show, whatever state the story is in. */
export interface ReportModel {
  storyId: string;
  title: string;
  /** The outcome of a completed story, else its state (`running`, `failed`, `cancelled` …). */
  status: string;
  running: boolean;
  /** Why: the outcome's reason, the running stage, or the failure message. */
  statusDetail?: string;
  review?: string;
  executor?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  budget?: { used: Usage; allotted?: Usage; note?: string };
  domains: DomainRow[];
  timeline: Timeline;
  /** Remarks for the reader (figures so far, details stored elsewhere). */
  notes: string[];
  generatedAt: string;
}

/** Builds the report's content from the story's state (report, live progress or failure) and its timeline. */
export function reportModel(input: {
  state: StoryState;
  storyId: string;
  title?: string;
  timeline: Timeline;
  now: number;
  notes?: string[];
}): ReportModel {
  const base = {
    storyId: input.storyId,
    timeline: input.timeline,
    generatedAt: new Date(input.now).toISOString(),
    notes: input.notes ?? [],
  };
  const { state } = input;
  if (state.state === 'completed') return { ...base, ...fromReport(state.report) };
  const story = input.timeline.lanes.find((lane) => lane.name === STORY_LANE);
  const startedAt = story ? new Date(story.startMs).toISOString() : undefined;
  const endMs = story?.endMs ?? (state.state === 'running' ? input.now : undefined);
  const times = {
    ...(startedAt ? { startedAt } : {}),
    ...(story?.endMs !== undefined ? { finishedAt: new Date(story.endMs).toISOString() } : {}),
    ...(story && endMs !== undefined ? { durationMs: Math.max(0, endMs - story.startMs) } : {}),
  };
  if (state.state === 'running') {
    const { progress } = state;
    return {
      ...base,
      ...times,
      title: progress.title,
      status: 'running',
      running: true,
      ...(progress.stage !== 'running' ? { statusDetail: progress.stage } : {}),
      budget: { used: sumUsage(progress.domains.flatMap((d) => d.budgetUsed ?? [])) },
      domains: progress.domains.map((d) => ({
        domain: d.name,
        critical: d.critical,
        layer: d.layer,
        status: d.status === 'running' && d.phase ? `running (${d.phase})` : d.status,
        ...(d.status === 'running' && (d.phase === 'implement' || d.phase === 'test')
          ? { attempts: (d.iteration ?? 0) + 1 }
          : {}),
        ...(d.budgetUsed ? { used: d.budgetUsed } : {}),
        ...(d.error ? { error: d.error } : {}),
      })),
      notes: ['The story is still running: figures are as of the time of this report.', ...base.notes],
    };
  }
  return {
    ...base,
    ...times,
    title: input.title ?? input.storyId,
    status: state.state,
    running: false,
    statusDetail: state.message,
    domains: [],
    notes: [`The run ended ${state.state} without a report; the timeline shows what ran.`, ...base.notes],
  };
}

function fromReport(report: RunReport): Omit<ReportModel, 'storyId' | 'timeline' | 'generatedAt' | 'notes'> {
  const reason = [report.halted ? 'halted' : '', report.reason ?? ''].filter(Boolean).join(': ');
  const slim = report.fullReport !== undefined;
  return {
    title: report.title,
    status: report.outcome,
    running: false,
    ...(reason ? { statusDetail: reason } : {}),
    review: `${report.review.decision} by ${report.review.by}: ${report.review.reason}${report.review.comment ? ` ("${report.review.comment}")` : ''}`,
    executor: `${report.executor}${report.simulated ? ' (simulated work)' : ''}`,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: report.durationMs,
    budget: {
      used: report.budget.used,
      allotted: report.budget.allotted,
      ...(report.budget.estimatedCost ? { note: estimatedCostNote(report.budget) } : {}),
    },
    domains: report.domains.map((d) => ({
      domain: d.domain,
      critical: d.critical,
      layer: d.layer,
      status: d.status,
      attempts: d.attempts,
      tests: d.tests,
      ...(slim ? {} : { filesChanged: d.filesModified.length }),
      used: d.budgetUsed,
      allotted: d.budgetAllotted,
      ...(d.error ? { error: domainErrorText(d) } : {}),
    })),
  };
}
