import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { UserError } from '../../src/model/user-errors';
import type { DevServer } from '../../src/temporal/dev-server';
import { prepareRequest } from '../../src/temporal/story-client';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { storyWorkflow } from '../../src/workflows';
import { wave } from '../helpers/cli';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

let server: DevServer;
let h: Harness;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'wave-bad-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  server = await startServer();
  h = await startHarness({ server });
  env = { TEMPORAL_ADDRESS: server.address, WAVE_TASK_QUEUE: h.taskQueue };
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

/** [what, arguments, extra environment, the message expected on the one line of stderr] */
type Case = [string, string[], Record<string, string>, RegExp];

const CLI: Case[] = [
  ['empty story', ['run', ''], {}, /title: must not be empty/],
  ['huge story', ['run', 'x'.repeat(501)], {}, /title: must be at most 500 characters/],
  ['unknown domain', ['run', 'Add login', '--domains', 'auth,billing'], {}, /domains: unknown domain "billing"/],
  ['negative tokens', ['run', 'Add login', '--budget-tokens=-5'], {}, /budget\.tokens: must be more than 0/],
  [
    'non-numeric tokens',
    ['run', 'Add login', '--budget-tokens', 'lots'],
    {},
    /--budget-tokens must be a number, not "lots"/,
  ],
  ['zero dollars', ['run', 'Add login', '--budget-usd', '0'], {}, /budget\.costUsd: must be more than 0/],
  ['zero wall clock', ['run', 'Add login', '--budget-minutes', '0'], {}, /budget\.wallClockMs/],
  [
    'tolerance over 100%',
    ['run', 'Add login', '--tolerate', '150%'],
    {},
    /policy\.toleratedFailures: must be at most 100%/,
  ],
  ['negative tolerance', ['run', 'Add login', '--tolerate=-1'], {}, /policy\.toleratedFailures/],
  [
    'dependency cycle',
    ['run', 'x', '--domains', 'ui,api', '--depends', 'ui:api', '--depends', 'api:ui'],
    {},
    /dependencies: cycle/,
  ],
  [
    'dependency outside the story',
    ['run', 'x', '--domains', 'ui', '--depends', 'ui:api'],
    {},
    /dependencies\.ui: "api" not among/,
  ],
  [
    'unknown executor',
    ['run', 'Add login', '--executor', 'quantum'],
    {},
    /executor\.kind: unknown executor kind "quantum"/,
  ],
  [
    'command executor without workspace',
    ['run', 'Add login', '--executor', 'command'],
    {},
    /workspace: the command executor needs a workspace/,
  ],
  ['invalid id characters', ['run', 'Add login', '--id', 'Bad Id!'], {}, /storyId: must be 1-64 characters/],
  ['no parallelism', ['run', 'Add login', '--max-parallel', '0'], {}, /policy\.maxParallelDomains/],
  ['too many fix attempts', ['run', 'Add login', '--max-fix', '99'], {}, /policy\.maxFixAttempts/],
  ['unknown output format', ['run', 'Add login', '--output', 'yaml'], {}, /--output must be text or json, not "yaml"/],
  ['unknown flag', ['run', 'Add login', '--frobnicate'], {}, /Unknown option '--frobnicate'/],
  ['missing story', ['run'], {}, /missing the story text/],
  ['story routing nowhere', ['run', 'Update the copyright notice wording'], {}, /title: the story routes to no domain/],
  ['unknown command', ['deploy'], {}, /unknown command "deploy"/],
  ['status without id', ['status'], {}, /usage: wave status <story-id>/],
  ['review without a decision', ['review', 'some-id'], {}, /usage: wave review <story-id> --approve\|--reject/],
  [
    'missing request file',
    ['run', 'x', '--request', '/nonexistent/request.json'],
    {},
    /--request \/nonexistent\/request\.json: ENOENT/,
  ],
  [
    'request file with broken JSON',
    ['run', 'x', '--request', '@broken-request'],
    {},
    /--request .*broken-request\.json: .*JSON/,
  ],
  [
    'request file with an unknown field',
    ['run', 'x', '--request', '@extra-field'],
    {},
    /request: Unrecognized key: "colour"/,
  ],
  ['unreachable server', ['list'], { TEMPORAL_ADDRESS: '127.0.0.1:1' }, /cannot reach Temporal at 127\.0\.0\.1:1/],
  [
    'missing Temporal profile',
    ['list'],
    { TEMPORAL_ADDRESS: '', TEMPORAL_PROFILE: 'nope' },
    /Temporal connection settings: .*nope/,
  ],
  [
    'invalid codec key',
    ['list'],
    { WAVE_CODEC_KEYS: 'k1:abc' },
    /WAVE_CODEC_KEYS entry 1 \(key id "k1"\): an AES-256 key has 32 bytes/,
  ],
];

const CONFIG: Case[] = [
  [
    'config that is not JSON',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '@config-broken' },
    /config-broken\.json: not valid JSON/,
  ],
  [
    'config with an unknown key',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '@config-unknown' },
    /config-unknown\.json: config: Unrecognized key: "colour"/,
  ],
  [
    'config file that does not exist',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '/nonexistent/wave.config.json' },
    /WAVE_CONFIG=\/nonexistent\/wave\.config\.json: no such file/,
  ],
  [
    'catalog with a duplicate domain',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '@config-duplicate' },
    /duplicate domain "auth"/,
  ],
  [
    'catalog depending on an unknown domain',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '@config-unknown-dep' },
    /depends on unknown domain "billing"/,
  ],
  ['port out of range', ['plan', 'Add login'], { WAVE_CONFIG: '@config-port' }, /local\.port: /],
  [
    'empty command',
    ['plan', 'Add login'],
    { WAVE_CONFIG: '@config-empty-command' },
    /executors\.command\.phases\.plan\.command/,
  ],
];

const FILES: Record<string, string> = {
  'broken-request': '{"title": ',
  'extra-field': '{"colour": "red"}',
  'config-broken': '{ "taskQueue": ',
  'config-unknown': '{ "colour": "red" }',
  'config-duplicate': JSON.stringify({
    catalog: {
      domains: [
        { name: 'auth', keywords: ['login'] },
        { name: 'auth', keywords: ['sso'] },
      ],
    },
  }),
  'config-unknown-dep': JSON.stringify({
    catalog: { domains: [{ name: 'auth', keywords: ['login'], dependsOn: ['billing'] }] },
  }),
  'config-port': JSON.stringify({ local: { port: 70000 } }),
  'config-empty-command': JSON.stringify({ executors: { command: { phases: { plan: { command: '' } } } } }),
};

/** `@name` stands for a file of FILES written to the temporary folder. */
function materialise(value: string): string {
  const name = value.slice(1);
  return value.startsWith('@') && FILES[name] !== undefined ? file(`${name}.json`, FILES[name]) : value;
}

async function storyCount(): Promise<number> {
  return (await h.client.workflow.count(`WorkflowType = 'storyWorkflow'`)).count;
}

test(`${CLI.length + CONFIG.length} bad CLI and config inputs: one clear line each, exit code 2, no run left behind`, async () => {
  expect(CLI.length + CONFIG.length).toBeGreaterThanOrEqual(25);
  const before = await storyCount();
  const cases = [...CLI, ...CONFIG];
  const results = [];
  for (let i = 0; i < cases.length; i += 6) {
    const batch = cases.slice(i, i + 6).map(async ([what, args, extra, message]) => {
      const variables = Object.fromEntries(Object.entries({ ...env, ...extra }).map(([k, v]) => [k, materialise(v)]));
      const result = await wave({ args: args.map(materialise), env: variables });
      return { what, message, result };
    });
    results.push(...(await Promise.all(batch)));
  }
  for (const { what, message, result } of results) {
    const lines = result.stderr.trim().split('\n');
    expect({ what, code: result.code, lines: lines.length }).toEqual({ what, code: 2, lines: 1 });
    expect({ what, line: lines[0] }).toEqual({ what, line: expect.stringMatching(/^wave: /) });
    expect({ what, line: lines[0] }).toEqual({ what, line: expect.stringMatching(message) });
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  }
  expect(await storyCount()).toBe(before);
});

test('bad input through the client API: a UserError before anything starts, or a non-retryable InvalidStoryRequest', async () => {
  expect(() => prepareRequest({ title: '' })).toThrow(UserError);
  expect(() => prepareRequest({ title: 'x', budget: { tokens: 'many' } })).toThrow(/budget\.tokens/);
  expect(() => prepareRequest(null)).toThrow(/expected object/);
  for (const [input, message] of [
    [{ title: 'x', domains: ['auth', 'billing'] }, /unknown domain "billing"/],
    [{ title: 'x', policy: { toleratedFailures: '500%' } }, /must be at most 100%/],
    [{ title: 'x', domains: ['ui', 'api'], dependencies: { ui: ['api'], api: ['ui'] } }, /cycle/],
  ] as const) {
    const handle = await h.client.workflow.start(storyWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: storyWorkflowId(`api-bad-${Math.random().toString(36).slice(2, 8)}`),
      args: [input as never],
    });
    const error = (await handle.result().catch((err: unknown) => err)) as WorkflowFailedError;
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(error.cause).toMatchObject({
      type: 'InvalidStoryRequest',
      nonRetryable: true,
      message: expect.stringMatching(message),
    });
  }
  expect((await h.client.workflow.count(`WorkflowType = 'storyWorkflow' AND ExecutionStatus = 'Running'`)).count).toBe(
    0,
  );
});
