/**
 * Prints precision / recall / F1 / exact-match of the built-in router (vocabulary + learned model), of its
 * vocabulary alone and of the seed's keyword router over every labelled set, saying what each set was used for, and
 * lists the built-in router's misroutes on the sets it was not trained on. Each held-out set was written and labelled
 * before any router ran on it; a set that has been looked at since is marked as such, so only "never tuned on" figures
 * are unseen ones.
 *
 *   TS_NODE_TRANSPILE_ONLY=1 npx ts-node scripts/eval-routing.ts [--misroutes]
 */
import { hasRecordedAnswers, recordedAnswers, recordedSupervisorRouter } from '../tests/fixtures/recorded-supervisor';
import type { LabelledStory, RoutingMetrics } from '../tests/fixtures/routing-eval';
import {
  catalogRouter,
  compareRouters,
  evaluateRouter,
  findMisroutes,
  formatMetricsTable,
  formatMisroutes,
} from '../tests/fixtures/routing-eval';
import { FIRST_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-1';
import { TENTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-10';
import { HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-2';
import { THIRD_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-3';
import { FOURTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-4';
import { FIFTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-5';
import { SIXTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-6';
import { SEVENTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-7';
import { EIGHTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-8';
import { NINTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-9';
import { LABELLED_STORIES } from '../tests/fixtures/routing-stories';
import { TRAINING_SETS } from '../tests/fixtures/routing-training-sets';
import { TUNING_STORIES } from '../tests/fixtures/routing-tuning';

interface LabelledSet {
  name: string;
  /** What the set was used for: how far its figures are from unseen ones. */
  role: string;
  stories: readonly LabelledStory[];
  /**
   * The file name part of its recorded agent-supervisor answers, when there are some: answers to the current routing
   * prompt (`supervisor-answers-<recorded>.jsonl`) and to the first one (`supervisor-answers-first-prompt-<recorded>`).
   */
  recorded?: string;
}

const SETS: readonly LabelledSet[] = [
  { name: 'original', role: 'vocabulary tuned on it; model trained on it', stories: LABELLED_STORIES },
  { name: 'tuning', role: 'vocabulary tuned on it; model trained on it', stories: TUNING_STORIES },
  {
    name: `training 1-${TRAINING_SETS.length}`,
    role: 'model trained on it',
    stories: TRAINING_SETS.flatMap((set) => set.stories),
  },
  { name: 'held-out 1', role: 'vocabulary tuned on it after its first look', stories: FIRST_HELD_OUT_STORIES },
  {
    name: 'held-out 2',
    role: 'vocabulary tuned on it after its first look; model trained on it',
    stories: HELD_OUT_STORIES,
  },
  {
    name: 'held-out 3',
    role: 'model trained on it since its first look (vocabulary never tuned on it)',
    stories: THIRD_HELD_OUT_STORIES,
  },
  {
    name: 'held-out 4',
    role: 'model trained on it since its first look',
    stories: FOURTH_HELD_OUT_STORIES,
    recorded: 'heldout-4',
  },
  {
    name: 'held-out 5',
    role: 'model trained on it since its first look',
    stories: FIFTH_HELD_OUT_STORIES,
    recorded: 'heldout-5',
  },
  {
    name: 'held-out 6',
    role: 'model trained on it since its first look',
    stories: SIXTH_HELD_OUT_STORIES,
    recorded: 'heldout-6',
  },
  {
    name: 'held-out 7',
    role: 'model trained on it since its first look',
    stories: SEVENTH_HELD_OUT_STORIES,
    recorded: 'heldout-7',
  },
  {
    name: 'held-out 8',
    role: 'model trained on it since its first look',
    stories: EIGHTH_HELD_OUT_STORIES,
    recorded: 'heldout-8',
  },
  {
    name: 'held-out 9',
    role: 'never tuned or trained on',
    stories: NINTH_HELD_OUT_STORIES,
    recorded: 'heldout-9',
  },
  {
    name: 'held-out 10',
    role: 'never tuned or trained on',
    stories: TENTH_HELD_OUT_STORIES,
    recorded: 'heldout-10',
  },
];

/** The agent supervisor's rows of a set: its recorded answers to the current prompt and to the first one. */
function supervisorRows(set: LabelledSet): { name: string; metrics: RoutingMetrics }[] {
  if (!set.recorded) return [];
  const rows = [
    { name: 'agent supervisor', file: set.recorded },
    { name: 'first prompt', file: `first-prompt-${set.recorded}` },
  ];
  return rows
    .filter((row) => hasRecordedAnswers({ set: row.file }))
    .map((row) => ({
      name: row.name,
      metrics: evaluateRouter(recordedSupervisorRouter(recordedAnswers({ set: row.file })), set.stories),
    }));
}

function report(set: LabelledSet, listMisroutes: boolean): string {
  const { ours, vocabulary, seed } = compareRouters(set.stories);
  const lines = [
    `== ${set.name}: ${set.stories.length} labelled stories (${set.role}) ==`,
    formatMetricsTable([
      ...supervisorRows(set),
      { name: 'built-in router', metrics: ours },
      { name: 'vocabulary only', metrics: vocabulary },
      { name: 'seed keywords', metrics: seed },
    ]),
  ];
  if (listMisroutes && !set.role.startsWith('model trained')) {
    const misroutes = findMisroutes(catalogRouter, set.stories);
    lines.push('', `Built-in router misroutes (${misroutes.length}):`, formatMisroutes(misroutes) || '(none)');
  }
  return lines.join('\n');
}

function run(): void {
  const listMisroutes = process.argv.includes('--misroutes');
  console.log('Micro-averaged over story x domain decisions.\n');
  console.log(SETS.map((set) => report(set, listMisroutes)).join('\n\n'));
}

try {
  run();
} catch (err) {
  console.error(err);
  process.exit(1);
}
