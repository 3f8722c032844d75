import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { RunReport } from '../../src/model/report';
import { renderHtml } from '../../src/reporting/html';
import { renderMarkdown } from '../../src/reporting/markdown';
import type { ReportModel } from '../../src/reporting/model';
import { reportModel } from '../../src/reporting/model';
import type { Timeline } from '../../src/reporting/timeline';
import { STORY_LANE, parseSummary, phaseTimeline } from '../../src/reporting/timeline';
import { inlineMarkdown as inline } from '../../src/workflow-safe/markdown';

type History = temporal.api.history.v1.IHistory;

const DIR = join(__dirname, '..', 'fixtures', 'histories');

/** The recorded histories of one scenario: the story's own first, then its domain children. */
function scenario(name: string): History[] {
  return readdirSync(DIR)
    .filter((file) => file.startsWith(`${name}.`))
    .sort((a, b) => a.split('.').length - b.split('.').length || a.localeCompare(b))
    .map((file) => wire(JSON.parse(readFileSync(join(DIR, file), 'utf8')).events));
}

/** The story's report, as its recorded history returned it. */
function recordedReport(parent: History): RunReport {
  const completed = parent.events?.find((e) => e.workflowExecutionCompletedEventAttributes);
  const payload = completed?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  return defaultPayloadConverter.fromPayload(payload as temporal.api.common.v1.IPayload);
}

function lane(timeline: Timeline, name: string) {
  const found = timeline.lanes.find((l) => l.name === name);
  if (!found) throw new Error(`no lane ${name} in ${timeline.lanes.map((l) => l.name).join(', ')}`);
  return found;
}

// Synthetic histories, written as proto JSON (like the fixtures): times in seconds from T0.
const T0 = Date.parse('2027-01-01T00:00:00Z');
type JsonEvent = Record<string, unknown>;
function event(at: number, type: string, attributes: Record<string, unknown>, extra: JsonEvent = {}): JsonEvent {
  const name = type.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());
  return {
    eventTime: new Date(T0 + at * 1000).toISOString(),
    eventType: `EVENT_TYPE_${type.toUpperCase()}`,
    [`${name}EventAttributes`]: attributes,
    ...extra,
  };
}
const summary = (text: string) => ({
  userMetadata: { summary: payloadToJSON(defaultPayloadConverter.toPayload(text)) },
});
const childStarted = (at: number, own: string | undefined) =>
  event(
    at,
    'workflow_execution_started',
    { workflowType: { name: 'domainWorkflow' }, parentWorkflowExecution: { workflowId: 'wave-x', runId: 'r' } },
    own ? summary(own) : {},
  );
const runPhase = { activityType: { name: 'runPhase' } };

/** A history as `fetchHistory()` returns it (through the wire format: int64 fields are Longs); ids numbered if unset. */
function wire(events: JsonEvent[]): History {
  const history = historyFromJSON({ events: events.map((e, i) => ({ eventId: String(i + 1), ...e })) });
  return temporal.api.history.v1.History.decode(temporal.api.history.v1.History.encode(history).finish());
}

describe('phaseTimeline over the recorded histories', () => {
  test('one lane per workflow, the story first; fix rounds and every phase placed in time', () => {
    const [story, ...children] = scenario('multi-domain-success');
    const timeline = phaseTimeline({ histories: [...children, story as History] });
    expect(timeline.lanes.map((l) => l.name)).toEqual([STORY_LANE, 'auth', 'payments', 'profile']);
    expect(lane(timeline, STORY_LANE).runs.map((r) => r.phase)).toEqual(['supervise', 'aggregate']);
    const payments = lane(timeline, 'payments').runs;
    expect(payments.map((r) => [r.phase, r.iteration])).toEqual([
      ['plan', 0],
      ['review', 0],
      ['implement', 0],
      ['test', 0],
      ['implement', 1],
      ['test', 1],
    ]);
    expect(payments[4]?.label).toBe('payments · implement (fix 1)');
    for (const l of timeline.lanes) {
      expect(l.endMs).toBeDefined();
      for (const run of l.runs) {
        expect(run).toMatchObject({ outcome: 'completed', attempts: 1 });
        expect(run.scheduledAt).toBeGreaterThanOrEqual(timeline.startMs);
        expect(run.startedAt).toBeGreaterThanOrEqual(run.scheduledAt);
        expect(run.endedAt).toBeGreaterThanOrEqual(run.startedAt as number);
        expect(run.endedAt).toBeLessThanOrEqual(timeline.endMs);
      }
    }
    // profile is in the second layer: it starts after both first-layer domains finished
    const firstLayerEnd = Math.max(lane(timeline, 'auth').endMs as number, lane(timeline, 'payments').endMs as number);
    expect(lane(timeline, 'profile').startMs).toBeGreaterThanOrEqual(firstLayerEnd);
  });

  test('a retried phase keeps its attempts and why it was retried; a failed phase its failure', () => {
    const timeline = phaseTimeline({ histories: scenario('partial-failure') });
    const review = lane(timeline, 'auth').runs.find((r) => r.phase === 'review');
    expect(review).toMatchObject({ outcome: 'completed', attempts: 2 });
    expect(review?.retryReason).toMatch(/^SimulatedTransientFailure: \[simulated\] transient failure in auth\/review/);
    // the hatched lead-in: the first attempt and the backoff before the one that succeeded
    expect((review?.startedAt as number) - (review?.scheduledAt as number)).toBeGreaterThan(500);
    const ui = lane(timeline, 'ui').runs;
    expect(ui.map((r) => r.phase)).toEqual(['plan', 'review', 'implement']);
    expect(ui[2]).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(ui[2]?.failure).toBe('SimulatedPermanentFailure: [simulated] permanent failure in ui/implement');
  });
});

describe('phaseTimeline over synthetic histories', () => {
  test('timeouts, running phases and unreadable summaries', () => {
    const open = wire([
      childStarted(0, 'api (critical) · layer 1'),
      event(1, 'activity_task_scheduled', runPhase, summary('api · plan')),
      event(2, 'activity_task_started', { scheduledEventId: '2', attempt: 3 }),
      event(9, 'activity_task_timed_out', {
        scheduledEventId: '2',
        failure: { message: 'activity StartToClose timeout', timeoutFailureInfo: {} },
      }),
      event(10, 'activity_task_scheduled', runPhase, summary('api · test (fix 2)')),
    ]);
    expect(typeof open.events?.[0]?.eventTime?.seconds).toBe('object'); // a Long, as from the server
    const timeline = phaseTimeline({ histories: [open], now: T0 + 12_000 });
    expect(timeline.lanes.map((l) => l.name)).toEqual(['api']);
    const [plan, test] = lane(timeline, 'api').runs;
    expect(plan).toMatchObject({ phase: 'plan', attempts: 3, outcome: 'timed-out', scheduledAt: T0 + 1000 });
    expect(plan).toMatchObject({ startedAt: T0 + 2000, endedAt: T0 + 9000 });
    expect(plan?.failure).toBe('activity StartToClose timeout');
    expect(test).toMatchObject({ phase: 'test', iteration: 2, outcome: 'running' });
    expect(test?.endedAt).toBeUndefined();
    expect(lane(timeline, 'api').endMs).toBeUndefined();
    expect(timeline).toMatchObject({ startMs: T0, endMs: T0 + 12_000 });

    const encrypted = wire([
      childStarted(0, undefined),
      event(1, 'activity_task_scheduled', runPhase, {
        userMetadata: { summary: { metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') } } },
      }),
      event(2, 'workflow_execution_terminated', {}),
    ]);
    expect(phaseTimeline({ histories: [encrypted] }).lanes).toEqual([
      expect.objectContaining({
        name: 'domainWorkflow',
        runs: [expect.objectContaining({ phase: 'runPhase', outcome: 'unfinished' })],
      }),
    ]);
  });

  test('parseSummary reads the phase activities’ summaries', () => {
    expect(parseSummary('auth · implement (fix 2)')).toEqual({ domain: 'auth', phase: 'implement', iteration: 2 });
    expect(parseSummary('ui · plan')).toEqual({ domain: 'ui', phase: 'plan', iteration: 0 });
    expect(parseSummary('Add login')).toBeUndefined();
  });
});

describe('rendering', () => {
  const histories = scenario('partial-failure');
  const report = recordedReport(histories[0] as History);
  const timeline = phaseTimeline({ histories });
  const model = reportModel({
    state: { state: 'completed', report },
    storyId: report.storyId,
    timeline,
    now: timeline.endMs,
  });

  test('the Markdown report has the header, the domain table, the timeline table and the budget', () => {
    const md = renderMarkdown(model);
    expect(md).toMatch(/^# WAVE run report: /);
    expect(md).toContain('| **Status** | PARTIAL');
    expect(md).toContain(`| **Story** | fixture-partial-failure |`);
    expect(md).toMatch(/\| \*\*Budget\*\* \| [\d,]+\/500,000 tok, \$[\d.]+\/\$25\.00 \|/);
    expect(md).toContain('| Domain | Critical | Layer | Status | Attempts (fixes) | Tests passed/failed |');
    expect(md).toMatch(/\| ui \| no \| 0 \| failed \| 1 \(0\) \| 0\/0 \| 0 \| 2,400\/[\d,]+ tok/);
    expect(md).toContain('| Domain | Phase | Start | Duration | Attempts | Result |');
    expect(md).toMatch(
      /\| auth \| review \| \+[\d.]+ (ms|s) \| [\d.]+ (ms|s) \| 2 \| completed, retried ×1 \(SimulatedTransientFailure: /,
    );
    expect(md).toMatch(
      /\| ui \| implement \| \+[\d.]+ (ms|s) \| \d+ ms \| 1 \| failed: SimulatedPermanentFailure: \\\[simulated\\\] permanent failure in ui\/implement \|/,
    );
    expect(md).toMatch(/\| \(story\) \| supervise \| \+\d+ ms \|/);
    expect(md).toContain('## Budget per domain');
    expect(md).toMatch(/\| auth \| [\d,]+ \/ [\d,]+ \| [\d.]+% \| \$[\d.]+ \/ \$[\d.]+ \|/);
  });

  test('the HTML page is self-contained and marks retries and failures in the Gantt chart', () => {
    const html = renderHtml(model);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|\bsrc=|@import|url\(["']?http/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toMatch(/<svg class="gantt"[^>]*role="img"/);
    expect(html).toMatch(/<g class="bar outcome-completed retried"><title>auth · review — completed, retried ×1 \(/);
    expect(html).toContain('fill="url(#retry)"');
    expect(html).toMatch(/<g class="bar outcome-failed"><title>ui · implement — failed: SimulatedPermanentFailure/);
    expect(html).toMatch(/>↻1 review<\/text>|class="bar-mark"[^>]*>↻1<\/text>/);
    expect(html).toMatch(/>✗ impl<\/text>|class="bar-mark"[^>]*>✗<\/text>/);
    expect(html).toMatch(/<text class="tick"[^>]*>0 ms<\/text>/);
    expect(html).toContain('<tr class="failed"><td>ui</td>');
    expect(html).toMatch(
      /<div class="meter" title="[\d.]+% of the allotted budget"><span class="" style="width:[\d.]+%">/,
    );
  });

  test('user text is escaped in both formats', () => {
    const hostile = '<script>alert("x")</script> & | *bold* [link](http://e.vil)';
    const evil: ReportModel = {
      ...model,
      title: hostile,
      domains: model.domains.map((d) => ({ ...d, error: `${hostile}\nsecond line` })),
      timeline: { ...timeline, lanes: timeline.lanes.map((l) => ({ ...l, name: `${l.name}<b>"'` })) },
    };
    const html = renderHtml(evil);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; | *bold*');
    expect(html).toContain('ui&lt;b&gt;&quot;&#39;');
    const md = renderMarkdown(evil);
    expect(md).not.toMatch(/(^|[^\\])[<>]/m); // every angle bracket escaped
    expect(md).toContain(
      '# WAVE run report: \\<script\\>alert("x")\\</script\\> \\& \\| \\*bold\\* \\[link\\](http://e.vil)',
    );
    expect(md).not.toMatch(/second line\n|\n\s*second line/);
    expect(inline('a|b\nc')).toBe('a\\|b c');
  });

  test('a running story says so and shows what exists so far', () => {
    const events = histories[0]?.events ?? [];
    const runningStory = {
      events: events.slice(
        0,
        events.findIndex((e) => e.childWorkflowExecutionCompletedEventAttributes),
      ),
    };
    const running = reportModel({
      state: {
        state: 'running',
        progress: {
          storyId: 's1',
          title: 'Add login',
          stage: 'running',
          startedAt: new Date(timeline.startMs).toISOString(),
          currentLayer: 0,
          layerCount: 1,
          domains: [
            {
              name: 'auth',
              critical: true,
              layer: 0,
              status: 'running',
              phase: 'test',
              iteration: 1,
              budgetUsed: { tokens: 4800, costUsd: 0.048 },
            },
            { name: 'ui', critical: false, layer: 0, status: 'pending' },
          ],
        },
      },
      storyId: 's1',
      // the story's history as it was while its children ran
      timeline: phaseTimeline({ histories: [runningStory], now: timeline.endMs + 5000 }),
      now: timeline.endMs + 5000,
    });
    const md = renderMarkdown(running);
    expect(md).toContain('| **Status** | RUNNING |');
    expect(md).toContain('| **Finished** | still running |');
    expect(md).toContain('> The story is still running');
    expect(md).toContain('| auth | yes | 0 | running (test) | 2 (1) | – | – | 4,800 tok, $0.048 |');
    expect(md).toContain('| ui | no | 0 | pending | – | – | – | – |');
    expect(renderHtml(running)).toContain('<span class="status status-running">RUNNING</span>');
  });

  test('a slimmed report (stored in full elsewhere) leaves files changed unknown', () => {
    const slim = reportModel({
      state: { state: 'completed', report: { ...report, fullReport: { path: '/nowhere.json', bytes: 600_000 } } },
      storyId: report.storyId,
      timeline,
      now: timeline.endMs,
      notes: ['stored elsewhere'],
    });
    expect(slim.domains.every((d) => d.filesChanged === undefined)).toBe(true);
    expect(renderMarkdown(slim)).toContain('> stored elsewhere');
  });
});
