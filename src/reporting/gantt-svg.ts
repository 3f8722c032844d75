import { duration, phaseName, resultText } from './cells';
import { escapeHtml } from './escape-html';
import type { Lane, PhaseRun, Timeline } from './timeline';

const WIDTH = 1000;
const LABEL_WIDTH = 120;
const RIGHT_PAD = 16;
const AXIS_HEIGHT = 26;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const LEGEND_HEIGHT = 34;
const CHAR_WIDTH = 6.4;

/** Fill of a phase bar by phase; story-level activities (supervise, aggregate, merge review) share one colour. */
const PHASE_COLOURS: Record<string, string> = {
  plan: '#4e79a7',
  review: '#b07aa1',
  implement: '#59a14f',
  test: '#76b7b2',
};
const STORY_COLOUR = '#9c755f';
const OUTCOME_COLOURS: Partial<Record<PhaseRun['outcome'], string>> = {
  failed: '#e15759',
  'timed-out': '#f28e2b',
  cancelled: '#bab0ac',
  unfinished: '#bab0ac',
};
/** Markers that survive black-and-white printing. */
const OUTCOME_MARKS: Partial<Record<PhaseRun['outcome'], string>> = {
  failed: '✗',
  'timed-out': '◷',
  cancelled: '⊘',
  running: '…',
};

const DEFS = `<defs><pattern id="retry" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
<rect width="6" height="6" fill="#edc948"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a6d00" stroke-width="2"/></pattern></defs>`;

/**
 * The phase timeline as an inline SVG Gantt chart: one row per workflow (the story, then each domain), one bar per
 * phase run placed where it ran. Retries show as a hatched lead-in (the earlier attempts and their backoff) with a
 * `↻N` mark; failed, timed-out and cancelled phases get their own colour and mark; every bar has a `<title>`.
 */
export function ganttSvg(timeline: Timeline): string {
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  const scale: Scale = {
    x: (ms) => LABEL_WIDTH + ((ms - timeline.startMs) / span) * (WIDTH - LABEL_WIDTH - RIGHT_PAD),
    originMs: timeline.startMs,
    endMs: timeline.endMs,
  };
  const lanesHeight = timeline.lanes.length * ROW_HEIGHT;
  const height = AXIS_HEIGHT + lanesHeight + LEGEND_HEIGHT;
  return [
    `<svg class="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="gantt-title">`,
    `<title id="gantt-title">Phase timeline: when each domain's phases ran</title>`,
    DEFS,
    axis({ scale, span, bottom: AXIS_HEIGHT + lanesHeight }),
    ...timeline.lanes.map((lane, index) => laneRow({ lane, index, scale })),
    legend(AXIS_HEIGHT + lanesHeight + 12),
    '</svg>',
  ].join('\n');
}

/** Where a time falls on the chart (x), the time at the axis origin, and the time running bars extend to. */
interface Scale {
  x: (ms: number) => number;
  originMs: number;
  endMs: number;
}

function axis(input: { scale: Scale; span: number; bottom: number }): string {
  const step = tickStep(input.span);
  const ticks: string[] = [];
  for (let offset = 0; offset <= input.span; offset += step) {
    const at = round(input.scale.x(input.scale.originMs + offset));
    ticks.push(
      `<line class="grid" x1="${at}" y1="${AXIS_HEIGHT - 4}" x2="${at}" y2="${input.bottom}"/>` +
        `<text class="tick" x="${at}" y="${AXIS_HEIGHT - 8}">${escapeHtml(duration(offset))}</text>`,
    );
  }
  return `<g class="axis">${ticks.join('')}</g>`;
}

/** 1, 2 or 5 times a power of ten milliseconds, so that the axis has about eight ticks. */
function tickStep(span: number): number {
  const rough = span / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? 10 * power) || 1;
}

function laneRow(input: { lane: Lane; index: number; scale: Scale }): string {
  const { lane, scale } = input;
  const { x } = scale;
  const top = AXIS_HEIGHT + input.index * ROW_HEIGHT;
  const middle = top + ROW_HEIGHT / 2;
  const life = `<line class="life" x1="${round(x(lane.startMs))}" y1="${middle}" x2="${round(x(lane.endMs ?? scale.endMs))}" y2="${middle}"/>`;
  const barTop = middle - BAR_HEIGHT / 2;
  const bars = lane.runs.map((run) => bar({ run, lane: lane.name, top: barTop, scale }));
  return [
    `<g class="lane">`,
    input.index % 2 ? '' : `<rect class="band" x="0" y="${top}" width="${WIDTH}" height="${ROW_HEIGHT}"/>`,
    `<text class="lane-label" x="${LABEL_WIDTH - 8}" y="${middle + 4}">${escapeHtml(clip(lane.name, 18))}</text>`,
    life,
    ...bars,
    `</g>`,
  ].join('');
}

function bar(input: { run: PhaseRun; lane: string; top: number; scale: Scale }): string {
  const { run, top, scale } = input;
  const { x } = scale;
  const end = run.endedAt ?? scale.endMs;
  const left = x(run.scheduledAt);
  const retried = run.attempts > 1;
  const mark = [retried ? `↻${run.attempts - 1}` : '', OUTCOME_MARKS[run.outcome] ?? ''].filter(Boolean).join(' ');
  const width = Math.max(mark ? 4 : 2, x(end) - left);
  const fill = OUTCOME_COLOURS[run.outcome] ?? PHASE_COLOURS[run.phase] ?? STORY_COLOUR;
  const lastStart = retried && run.startedAt !== undefined ? Math.min(x(run.startedAt), left + width) : left;
  const classes = ['bar', `outcome-${run.outcome}`, ...(retried ? ['retried'] : [])].join(' ');
  const tooltip = `${input.lane} · ${phaseName(run)} — ${resultText(run)}; started +${duration(run.scheduledAt - scale.originMs)}, took ${duration(end - run.scheduledAt)}`;
  const label = barLabel({ text: shortPhase(run), mark, left, width, y: top + BAR_HEIGHT - 4 });
  return [
    `<g class="${classes}"><title>${escapeHtml(tooltip)}</title>`,
    retried ? rect({ x: left, y: top, width: lastStart - left, fill: 'url(#retry)' }) : '',
    rect({ x: lastStart, y: top, width: Math.max(2, left + width - lastStart), fill }),
    label,
    `</g>`,
  ].join('');
}

function rect(input: { x: number; y: number; width: number; fill: string }): string {
  if (input.width <= 0) return '';
  return `<rect x="${round(input.x)}" y="${input.y}" width="${round(input.width)}" height="${BAR_HEIGHT}" rx="2" fill="${input.fill}"/>`;
}

/** `plan`, `review`, `impl 1` (implement, fix 1), `test 2`, or the story activity's name. */
function shortPhase(run: PhaseRun): string {
  const name = run.phase === 'implement' ? 'impl' : run.phase;
  return run.iteration > 0 ? `${name} ${run.iteration}` : name;
}

/**
 * The phase name and its marks centred on the bar when they fit; else, for a marked bar (retried, failed, timed out),
 * the marks alone just after the bar so that they stay visible; else nothing (the tooltip and colour still tell).
 */
function barLabel(input: { text: string; mark: string; left: number; width: number; y: number }): string {
  const full = [input.mark, input.text].filter(Boolean).join(' ');
  if (full.length * CHAR_WIDTH + 4 <= input.width) {
    return `<text class="bar-label" x="${round(input.left + input.width / 2)}" y="${input.y}">${escapeHtml(full)}</text>`;
  }
  if (!input.mark) return '';
  return `<text class="bar-mark" x="${round(input.left + input.width + 2)}" y="${input.y}">${escapeHtml(input.mark)}</text>`;
}

function legend(y: number): string {
  const items: [string, string][] = [
    ...Object.entries(PHASE_COLOURS),
    ['story step', STORY_COLOUR],
    ['↻ retried attempts', 'url(#retry)'],
    ['✗ failed', OUTCOME_COLOURS.failed as string],
    ['◷ timed out', OUTCOME_COLOURS['timed-out'] as string],
    ['⊘ cancelled', OUTCOME_COLOURS.cancelled as string],
  ];
  let left = LABEL_WIDTH;
  const parts = items.map(([name, fill]) => {
    const part = `<rect x="${left}" y="${y}" width="14" height="12" rx="2" fill="${fill}"/><text class="legend" x="${left + 18}" y="${y + 10}">${escapeHtml(name)}</text>`;
    left += 26 + name.length * CHAR_WIDTH;
    return part;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
