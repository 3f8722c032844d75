import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import { wave } from '../helpers/cli';
import { commandConfig, markersDir } from '../helpers/command-harness';
import { createRepo, gitIn } from '../helpers/git-repo';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

let server: DevServer;
let h: Harness;
let markers: string;
let cacheDir: string;
let env: Record<string, string>;

const OWN_FILE = 'mkdir -p src && echo "module.exports = 1;" > "src/$WAVE_DOMAIN.js"';
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

beforeAll(async () => {
  server = await startServer();
  markers = markersDir();
  cacheDir = mkdtempSync(join(tmpdir(), 'wave-cache-'));
  const { dir, data } = commandConfig({
    scripts: { implement: OWN_FILE },
    extra: {
      cacheDir,
      env: ['PATH', 'HOME', 'WAVE_TEST_MARKERS'],
      worktree: {
        // Fails for the "broken" domain, counts every run per domain for the others.
        setup: {
          command: [
            'sh',
            '-c',
            'echo "$WAVE_DOMAIN" >> "$WAVE_TEST_MARKERS/setup"; [ "$WAVE_DOMAIN" != data ] || { echo "no lockfile"; exit 7; }',
          ],
          timeoutMs: 10_000,
        },
        cleanup: { command: ['sh', '-c', 'pwd >> "$WAVE_TEST_MARKERS/cleanup"'] },
      },
    },
  });
  const configFile = join(dir, 'wave.config.json');
  writeFileSync(configFile, JSON.stringify(data));
  h = await startHarness({ server, executors: executorsFromConfig(parseConfig({ data, baseDir: dir })) });
  env = { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: h.taskQueue, WAVE_CONFIG: configFile };
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

test('a worktree is set up once on its host, whatever the number of phases; a failing setup fails clearly', async () => {
  const repo = createRepo({ 'a.md': 'a\n' });
  const report = await h.run({
    storyId: 'setup-once',
    title: 'x',
    domains: ['api', 'ui', 'data'],
    workspace: repo,
    executor: { kind: 'command' },
    policy: { toleratedFailures: 1, retry: { maximumAttempts: 2, initialIntervalMs: 100 } },
  });
  const setups = lines(join(markers, 'setup'));
  expect(setups.filter((d) => d === 'api')).toHaveLength(1); // four phases, one setup
  expect(setups.filter((d) => d === 'ui')).toHaveLength(1);
  expect(setups.filter((d) => d === 'data')).toHaveLength(2); // each attempt sets up again until it works
  const data = report.domains.find((d) => d.domain === 'data');
  expect(data?.status).toBe('failed');
  expect(data?.error?.type).toBe('WorktreeSetupFailed');
  expect(data?.error?.message).toMatch(/^data\/plan: worktree setup `sh -c .*` exited with code 7: .*no lockfile/s);
  expect(data?.failedAt).toMatchObject({ phase: 'plan', host: expect.any(String) });
});

test('wave clean removes a finished run’s worktrees and local branches, runs cleanup, and keeps the remote’s branches', async () => {
  const repo = createRepo({ 'a.md': 'a\n' });
  await h.run({
    storyId: 'to-clean',
    title: 'x',
    domains: ['api', 'ui'],
    workspace: repo,
    executor: { kind: 'command' },
  });
  await h.run({ storyId: 'to-drop', title: 'x', domains: ['api'], workspace: repo, executor: { kind: 'command' } });
  const clone = readdirSync(cacheDir).find((name) =>
    existsSync(join(cacheDir, name, 'worktrees', 'to-clean')),
  ) as string;
  const folders = readdirSync(join(cacheDir, clone, 'worktrees', 'to-clean'), { withFileTypes: true });
  expect(
    folders
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(),
  ).toEqual(['.merged', 'api', 'ui']);

  const kept = await wave({ args: ['clean', 'to-clean'], env });
  expect(kept.stderr).toBe('');
  expect(kept.code).toBe(0);
  expect(kept.stdout.trim()).toBe(`to-clean (${repo}): removed 3 worktree(s), 3 local branch(es)`);
  expect(existsSync(join(cacheDir, clone, 'worktrees', 'to-clean'))).toBe(false);
  expect(lines(join(markers, 'cleanup')).filter((path) => path.includes('/to-clean/'))).toHaveLength(3);
  expect(
    gitIn(repo, 'branch', '--list', 'wave/to-clean/*')
      .split('\n')
      .map((b) => b.trim()),
  ).toEqual(['wave/to-clean/api', 'wave/to-clean/merged', 'wave/to-clean/ui']);

  const dropped = await wave({ args: ['clean', 'to-drop', '--remote'], env });
  expect(dropped.code).toBe(0);
  expect(dropped.stdout.trim()).toBe(
    `to-drop (${repo}): removed 2 worktree(s), 2 local branch(es), 2 remote branch(es)`,
  );
  expect(gitIn(repo, 'branch', '--list', 'wave/to-drop/*')).toBe('');

  const bad = await wave({ args: ['clean', '--older-than', 'soon'], env });
  expect(bad.code).toBe(2);
  expect(bad.stderr.trim()).toBe('wave: --older-than must look like 7d, 12h or 30m, not "soon"');
});
