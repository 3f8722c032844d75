import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { resolveTemporalCli } from '../../src/temporal/cli-binary';
import type { DevServer } from '../../src/temporal/dev-server';
import { prepareRequest, startStory } from '../../src/temporal/story-client';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { wave } from '../helpers/cli';
import { commandConfig, markersDir } from '../helpers/command-harness';
import { createRepo } from '../helpers/git-repo';
import { startServer } from '../helpers/harness';
import { startWorkerProcess, stopServerAndWorkers } from '../helpers/worker-process';

const API_KEY = 'sk-wave-test-7f3a9c1e5b2d4460';
let server: DevServer;

beforeAll(async () => (server = await startServer()));
afterAll(() => stopServerAndWorkers(server));

test('an API key handed to agent commands never shows in reports, history, errors or worker logs', async () => {
  const markers = markersDir();
  const leak = 'echo "calling the model with $WAVE_TEST_API_KEY"; echo "auth header: Bearer $WAVE_TEST_API_KEY" >&2';
  const { dir, data } = commandConfig({
    env: ['WAVE_TEST_API_KEY'],
    scripts: {
      plan: `${leak}\necho "WAVE_SUMMARY plan made with key $WAVE_TEST_API_KEY"`,
      review: leak,
      implement: `${leak}\nmkdir -p src && echo 1 > src/api.js\nif [ -n "$WAVE_FEEDBACK" ]; then echo fixed > fixed.txt; fi`,
      test: `${leak}\ntest -f fixed.txt || { echo "not ok 1 - rejected key $WAVE_TEST_API_KEY"; exit 1; }`,
    },
  });
  const configFile = join(dir, 'wave.config.json');
  writeFileSync(configFile, JSON.stringify(data));
  const taskQueue = `secrets-${Date.now()}`;
  const worker = await startWorkerProcess({
    TEMPORAL_ADDRESS: server.address,
    WAVE_TASK_QUEUE: taskQueue,
    WAVE_CONFIG: configFile,
    WAVE_TEST_MARKERS: markers,
    WAVE_TEST_API_KEY: API_KEY,
  });
  const client = new Client({ connection: server.connection });
  const request = prepareRequest({
    storyId: 'keys',
    title: 'Add an API endpoint',
    domains: ['api'],
    workspace: createRepo({ 'a.md': 'a\n' }),
    executor: { kind: 'command' },
  });
  const report = await (await startStory({ client, taskQueue, request })).result();
  expect(report.outcome).toBe('succeeded');
  expect(report.domains[0]?.attempts).toBe(2); // the feedback of the failing test went through the fix loop
  const text = JSON.stringify(report);
  expect(text).toContain('[redacted]');
  expect(text).not.toContain(API_KEY);

  const cli = resolveTemporalCli();
  if (cli.source === 'sdk-download') throw new Error('needs the temporal CLI');
  for (const id of [storyWorkflowId('keys'), `${storyWorkflowId('keys')}/api`]) {
    const raw = execFileSync(
      cli.path,
      ['workflow', 'show', '--workflow-id', id, '--address', server.address, '--output', 'json'],
      { encoding: 'utf8' },
    );
    const payloads = [...raw.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'base64').toString(),
    );
    expect(raw).not.toContain(API_KEY);
    expect(payloads.join('\n')).not.toContain(API_KEY);
  }
  expect(worker.output()).not.toContain(API_KEY);
});

test('the CLI never prints the Temporal API key or codec keys in its errors', async () => {
  const codecKey = Buffer.alloc(31, 7).toString('base64'); // one byte short: an invalid key
  const badKey = await wave({ args: ['list'], env: { WAVE_CODEC_KEYS: `k1:${codecKey}` } });
  expect(badKey.code).toBe(2);
  expect(badKey.stderr).toMatch(/key id "k1"\): an AES-256 key has 32 bytes, this one 31/);
  expect(badKey.stderr).not.toContain(codecKey);
  const apiKey = 'tmprl-api-key-0123456789abcdef';
  const unreachable = await wave({
    args: ['list'],
    env: { TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_API_KEY: apiKey, WAVE_DEBUG: '1' },
  });
  expect(unreachable.code).toBe(2);
  expect(`${unreachable.stdout}${unreachable.stderr}`).not.toContain(apiKey);
});
