import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
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

test('the guard works: a deliberately changed workflow fails replay with a non-determinism error', async () => {
  const changed = await bundleWorkflowCode({
    workflowsPath: require.resolve('../fixtures/changed-workflows'),
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      log: () => undefined,
    },
  });
  const file = files.find((f) => f.startsWith('multi-domain-success.') && f.endsWith('.auth.json')) as string;
  const history: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  await expect(Worker.runReplayHistory({ workflowBundle: changed }, history, file)).rejects.toBeInstanceOf(
    DeterminismViolationError,
  );
});
