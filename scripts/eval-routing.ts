/**
 * Prints precision / recall / F1 / exact-match of our story router and of the seed's keyword router over the
 * labelled stories, and lists the stories ours gets wrong.
 *
 *   npx ts-node scripts/eval-routing.ts
 */
import {
  catalogRouter,
  compareRouters,
  findMisroutes,
  formatMetricsTable,
  formatMisroutes,
} from '../tests/fixtures/routing-eval';
import { LABELLED_STORIES } from '../tests/fixtures/routing-stories';

function run(): void {
  const { ours, seed } = compareRouters(LABELLED_STORIES);
  console.log(`${LABELLED_STORIES.length} labelled stories (micro-averaged over story x domain decisions)\n`);
  console.log(
    formatMetricsTable([
      { name: 'catalog router', metrics: ours },
      { name: 'seed keywords', metrics: seed },
    ]),
  );
  const misroutes = findMisroutes(catalogRouter, LABELLED_STORIES);
  console.log(`\nCatalog router misroutes (${misroutes.length}):\n${formatMisroutes(misroutes) || '(none)'}`);
}

try {
  run();
} catch (err) {
  console.error(err);
  process.exit(1);
}
