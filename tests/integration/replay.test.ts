import { Worker } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workflowBundle } from '../helpers/harness';

const DIR = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

test('there are recorded histories of a multi-domain success, a partial failure and a merge review', () => {
  expect(files.some((f) => f.startsWith('multi-domain-success.'))).toBe(true);
  expect(files.some((f) => f.startsWith('partial-failure.'))).toBe(true);
  expect(files.some((f) => f.startsWith('merge-review.'))).toBe(true);
});

test.each(files)('today’s workflow code replays %s without non-determinism', async (file) => {
  const history: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  await expect(
    Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file),
  ).resolves.toBeUndefined();
});
