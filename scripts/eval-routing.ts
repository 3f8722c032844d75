/**
 * Prints precision / recall / F1 / exact-match of our story router and of the seed's keyword router over each
 * labelled set (the original stories, the tuning stories, the first and second held-out stories) and over the first
 * two together, and lists the stories ours gets wrong in each set. Each held-out set was written and labelled before the
 * router ever ran on it; both have since been evaluated and are now development sets, so their figures are no longer
 * unseen ones.
 *
 *   TS_NODE_TRANSPILE_ONLY=1 npx ts-node scripts/eval-routing.ts
 */
import type { LabelledStory } from '../tests/fixtures/routing-eval';
import {
  catalogRouter,
  compareRouters,
  findMisroutes,
  formatMetricsTable,
  formatMisroutes,
} from '../tests/fixtures/routing-eval';
import { FIRST_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-1';
import { HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-2';
import { THIRD_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-3';
import { LABELLED_STORIES } from '../tests/fixtures/routing-stories';
import { TUNING_STORIES } from '../tests/fixtures/routing-tuning';

const SETS: ReadonlyArray<{ name: string; stories: readonly LabelledStory[]; listMisroutes: boolean }> = [
  { name: 'original', stories: LABELLED_STORIES, listMisroutes: true },
  { name: 'tuning', stories: TUNING_STORIES, listMisroutes: true },
  { name: 'original + tuning', stories: [...LABELLED_STORIES, ...TUNING_STORIES], listMisroutes: false },
  { name: 'held-out 1 (now a development set)', stories: FIRST_HELD_OUT_STORIES, listMisroutes: true },
  { name: 'held-out 2 (now a development set)', stories: HELD_OUT_STORIES, listMisroutes: true },
  { name: 'held-out 3 (never tuned on)', stories: THIRD_HELD_OUT_STORIES, listMisroutes: true },
];

function report(name: string, stories: readonly LabelledStory[], listMisroutes: boolean): string {
  const { ours, seed } = compareRouters(stories);
  const table = formatMetricsTable([
    { name: 'catalog router', metrics: ours },
    { name: 'seed keywords', metrics: seed },
  ]);
  const lines = [`== ${name}: ${stories.length} labelled stories ==`, table];
  if (listMisroutes) {
    const misroutes = findMisroutes(catalogRouter, stories);
    lines.push('', `Catalog router misroutes (${misroutes.length}):`, formatMisroutes(misroutes) || '(none)');
  }
  return lines.join('\n');
}

function run(): void {
  console.log('Micro-averaged over story x domain decisions.\n');
  console.log(SETS.map((set) => report(set.name, set.stories, set.listMisroutes)).join('\n\n'));
}

try {
  run();
} catch (err) {
  console.error(err);
  process.exit(1);
}
