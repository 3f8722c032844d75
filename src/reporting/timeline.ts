import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Failure = temporal.api.failure.v1.IFailure;

/** The lane of the story workflow's own activities (supervise, aggregate, merge review). */
export const STORY_LANE = '(story)';

/** How a phase activity ended; `running` while it is open, `unfinished` when its workflow closed without it. */
export type PhaseOutcome = 'completed' | 'failed' | 'timed-out' | 'cancelled' | 'running' | 'unfinished';

/** One phase activity as it ran: from its first scheduling to its close, with retries folded in. */
export interface PhaseRun {
  /** `plan`, `review`, `implement`, `test`, or the activity type of story-level work (`supervise`, `aggregate`). */
  phase: string;
  /** Fix round (0 = first implement/test round). */
  iteration: number;
  /** The activity's summary, e.g. `auth · implement (fix 1)`. */
  label: string;
  /** Epoch ms when the first attempt was scheduled. */
  scheduledAt: number;
  /**
   * Epoch ms when the last attempt started. Temporal records an activity's start only when it closes, so this is
   * unknown while the phase runs.
   */
  startedAt?: number;
  /** Epoch ms when the phase closed; unset while it runs. */
  endedAt?: number;
  /** The last attempt's number (1 = no retry). */
  attempts: number;
  outcome: PhaseOutcome;
  /** Why the phase failed, timed out or was cancelled. */
  failure?: string;
  /** Why the attempt before the last one failed (set when `attempts` > 1). */
  retryReason?: string;
}

/** One workflow's row of the timeline: the story itself, or one domain's child workflow. */
export interface Lane {
  /** The domain, or {@link STORY_LANE}. */
  name: string;
  startMs: number;
  /** Unset while the workflow runs. */
  endMs?: number;
  runs: PhaseRun[];
}

/** When every phase of a story ran: one lane per workflow, times in epoch ms. */
export interface Timeline {
  /** The earliest event of all histories (the axis origin). */
  startMs: number;
  /** The latest event of all histories, or `now` when given and later. */
  endMs: number;
  /** The story lane first, then the domains in the order of their histories (the order the story started them). */
  lanes: Lane[];
}

/**
 * Reads a story's phase timeline from the workflow histories of the story and its domain children (payloads in the
 * histories must already be decoded: summaries and failure messages are read as plain JSON). Pure.
 */
export function phaseTimeline(input: { histories: History[]; now?: number }): Timeline {
  const lanes = input.histories.map(historyLane).filter((lane): lane is Lane => lane !== undefined);
  lanes.sort((a, b) => Number(b.name === STORY_LANE) - Number(a.name === STORY_LANE)); // stable: children in order
  const times = input.histories.flatMap((history) => (history.events ?? []).map(eventMs));
  const known = [...times, input.now].filter((time): time is number => time !== undefined);
  const startMs = known.reduce((min, time) => Math.min(min, time), Infinity);
  const endMs = known.reduce((max, time) => Math.max(max, time), -Infinity);
  return Number.isFinite(startMs) ? { startMs, endMs, lanes } : { startMs: 0, endMs: 0, lanes };
}

function historyLane(history: History): Lane | undefined {
  const events = history.events ?? [];
  const first = events[0];
  const startMs = first && eventMs(first);
  if (!first || startMs === undefined) return undefined;
  const closed = events.some(isWorkflowClose);
  const runs = phaseRuns({ events, closed });
  const endMs = closed ? eventMs(events[events.length - 1] as HistoryEvent) : undefined;
  return { name: laneName({ first, events }), startMs, ...(endMs !== undefined ? { endMs } : {}), runs };
}

/** A child's lane is its domain (from its activities' or its own summary); a workflow without parent is the story. */
function laneName(input: { first: HistoryEvent; events: HistoryEvent[] }): string {
  const started = input.first.workflowExecutionStartedEventAttributes;
  if (started && !started.parentWorkflowExecution) return STORY_LANE;
  const fromActivity = input.events
    .filter((event) => event.activityTaskScheduledEventAttributes)
    .map((event) => parseSummary(summaryOf(event) ?? '')?.domain)
    .find((domain) => domain !== undefined);
  // the child's own summary: `auth (critical) · layer 0`
  const own = /^(.+?)(?: \(critical\))? · layer \d+$/.exec(summaryOf(input.first) ?? '')?.[1];
  return fromActivity ?? own ?? started?.workflowType?.name ?? 'workflow';
}

function phaseRuns(input: { events: HistoryEvent[]; closed: boolean }): PhaseRun[] {
  const byScheduledId = new Map<string, PhaseRun>();
  for (const event of input.events) {
    const time = eventMs(event);
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled && time !== undefined) {
      const summary = summaryOf(event);
      const parsed = summary ? parseSummary(summary) : undefined;
      const type = scheduled.activityType?.name ?? 'activity';
      byScheduledId.set(String(event.eventId), {
        phase: parsed?.phase ?? type,
        iteration: parsed?.iteration ?? 0,
        label: summary ?? type,
        scheduledAt: time,
        attempts: 1,
        outcome: input.closed ? 'unfinished' : 'running',
      });
      continue;
    }
    const started = event.activityTaskStartedEventAttributes;
    const closing = closingOf(event);
    const run = byScheduledId.get(String(started?.scheduledEventId ?? closing?.scheduledEventId));
    if (run && started) {
      if (time !== undefined) run.startedAt = time;
      run.attempts = Math.max(1, started.attempt ?? 1);
      const reason = failureText(started.lastFailure);
      if (reason && run.attempts > 1) run.retryReason = reason;
    } else if (run && closing) {
      if (time !== undefined) run.endedAt = time;
      run.outcome = closing.outcome;
      const failure = failureText(closing.failure);
      if (failure) run.failure = failure;
    }
  }
  return [...byScheduledId.values()];
}

function closingOf(
  event: HistoryEvent,
): { scheduledEventId: unknown; outcome: PhaseOutcome; failure?: Failure | null } | undefined {
  if (event.activityTaskCompletedEventAttributes)
    return { scheduledEventId: event.activityTaskCompletedEventAttributes.scheduledEventId, outcome: 'completed' };
  const failed = event.activityTaskFailedEventAttributes;
  if (failed) return { scheduledEventId: failed.scheduledEventId, outcome: 'failed', failure: failed.failure };
  const timedOut = event.activityTaskTimedOutEventAttributes;
  if (timedOut) return { scheduledEventId: timedOut.scheduledEventId, outcome: 'timed-out', failure: timedOut.failure };
  const canceled = event.activityTaskCanceledEventAttributes;
  if (canceled) return { scheduledEventId: canceled.scheduledEventId, outcome: 'cancelled' };
  return undefined;
}

function isWorkflowClose(event: HistoryEvent): boolean {
  return Boolean(
    event.workflowExecutionCompletedEventAttributes ||
    event.workflowExecutionFailedEventAttributes ||
    event.workflowExecutionCanceledEventAttributes ||
    event.workflowExecutionTerminatedEventAttributes ||
    event.workflowExecutionTimedOutEventAttributes ||
    event.workflowExecutionContinuedAsNewEventAttributes,
  );
}

/** `auth · implement (fix 2)` → `{ domain: 'auth', phase: 'implement', iteration: 2 }` (the phase activities' summary). */
export function parseSummary(summary: string): { domain: string; phase: string; iteration: number } | undefined {
  const match = /^(.+?) · ([a-z][\w-]*)(?: \(fix (\d+)\))?$/.exec(summary);
  if (!match) return undefined;
  return { domain: match[1] as string, phase: match[2] as string, iteration: Number(match[3] ?? 0) };
}

function summaryOf(event: HistoryEvent): string | undefined {
  const payload = event.userMetadata?.summary;
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined; // still encrypted: no summary
  }
}

const MAX_FAILURE_CHARS = 300;

/** `Type: message` of a failure (or of its cause when it has no message of its own), on one line. */
function failureText(failure: Failure | null | undefined): string | undefined {
  if (!failure) return undefined;
  const message = failure.message || failure.cause?.message || '';
  const type = failure.applicationFailureInfo?.type;
  const text = `${type ? `${type}: ` : ''}${message}`.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > MAX_FAILURE_CHARS ? `${text.slice(0, MAX_FAILURE_CHARS - 1)}…` : text;
}

/** Epoch ms of an event; seconds are a Long in fetched histories and a number in ones read from JSON. */
function eventMs(event: HistoryEvent): number | undefined {
  const time = event.eventTime;
  if (!time) return undefined;
  const seconds = typeof time.seconds === 'number' ? time.seconds : Number(time.seconds?.toString() ?? 0);
  return seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}
