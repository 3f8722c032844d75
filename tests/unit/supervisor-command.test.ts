import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createSupervise } from '../../src/activities/supervise';
import { createSimulatedExecutor } from '../../src/executors/simulated';
import { askSupervisor } from '../../src/executors/supervisor/ask-supervisor';
import type { SupervisorSettings } from '../../src/executors/supervisor/config';
import type { StoryPlan } from '../../src/model/plan';
import { StoryRequestSchema } from '../../src/model/story-request';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';

/** Supervisor commands written into a temporary folder, which stands for the config file's folder. */
const dir = mkdtempSync(join(tmpdir(), 'wave-supervisor-'));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(path, 0o755);
  return `./${name}`;
}

/** Reads the input and answers with what `answer` (a JS expression over `input`) gives. */
function answering(name: string, answer: string): string {
  return script(
    name,
    `let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => { const input = JSON.parse(s); console.log(JSON.stringify(${answer})); });`,
  );
}

function settings(command: SupervisorSettings['command'], more: Partial<SupervisorSettings> = {}): SupervisorSettings {
  return { command, timeoutMs: 5000, env: [], baseDir: dir, ...more };
}

function ask(supervisor: SupervisorSettings, env: NodeJS.ProcessEnv = process.env) {
  const request = StoryRequestSchema.parse({ title: 'Add Google login', description: 'teams only' });
  return askSupervisor({ supervisor, request, storyId: 's1', catalog: DEFAULT_CATALOG, env });
}

describe('asking the supervisor command', () => {
  test('it gets the contract on stdin, runs in the config folder and sees only allow-listed variables', async () => {
    const command = answering(
      'echo-input.js',
      `{ domains: [{ name: 'auth', reason: [input.version, input.story.title, input.story.description, input.catalog.length, process.cwd(), process.env.WAVE_TEST_ALLOWED, process.env.WAVE_TEST_HIDDEN ?? 'hidden', typeof process.env.PATH].join('|') }] }`,
    );
    const verdict = await ask(settings(command, { env: ['WAVE_TEST_ALLOWED'] }), {
      ...process.env,
      WAVE_TEST_ALLOWED: 'yes',
      WAVE_TEST_HIDDEN: 'secret',
    });
    expect(verdict).toMatchObject({ ok: true, command: './echo-input.js' });
    if (!verdict.ok) return;
    expect(verdict.answer.domains[0]?.reason).toBe(
      [
        '1',
        'Add Google login',
        'teams only',
        String(DEFAULT_CATALOG.domains.length),
        dir,
        'yes',
        'hidden',
        'string',
      ].join('|'),
    );
    expect(verdict.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('an argv command runs as given, its script resolved against the config folder', async () => {
    answering('plain.js', `{ domains: [{ name: 'data', reason: 'a table' }] }`);
    const verdict = await ask(settings([process.execPath, 'plain.js']));
    expect(verdict).toMatchObject({ ok: true, answer: { domains: [{ name: 'data' }] } });
  });

  test.each([
    ['cannot start', () => './missing.js', /^cannot run ".*missing\.js": no such command or file$/],
    [
      'exits non-zero',
      () => script('fails.js', `console.log('working'); console.error('route: no API key'); process.exit(2);`),
      /^exit code 2: route: no API key$/,
    ],
    [
      'prints garbage',
      () => script('garbage.js', `console.log('hello'); console.log('not json');`),
      /last line: "not json"/,
    ],
    [
      'names an unknown domain',
      () => answering('unknown.js', `{ domains: [{ name: 'billing', reason: 'money' }] }`),
      /^invalid answer: domains\.0\.name: unknown domain "billing"/,
    ],
  ])('a command that %s gives a fallback reason', async (_name, command, reason) => {
    const verdict = await ask(settings(command()));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.fallback).toMatch(reason);
  });

  test('a command that hangs is stopped at its timeout, with the children it started', async () => {
    const command = script(
      'hangs.js',
      `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'inherit' }); setTimeout(() => {}, 60000);`,
    );
    const started = Date.now();
    const verdict = await ask(settings(command, { timeoutMs: 300 }));
    expect(verdict).toMatchObject({ ok: false, fallback: 'no answer within 0.3 s (stopped)' });
    // The grandchild holds stdout too: the answer comes once the whole group is gone, not after its 60 s.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

test('the example router (examples/supervisor) answers within the contract', async () => {
  const example = join(__dirname, '..', '..', 'examples', 'supervisor');
  const request = StoryRequestSchema.parse({ title: 'Add Google login and a REST endpoint for the orders page' });
  const verdict = await askSupervisor({
    supervisor: { command: './route.js', timeoutMs: 5000, env: [], baseDir: example },
    request,
    storyId: 's1',
    catalog: DEFAULT_CATALOG,
  });
  expect(verdict).toMatchObject({
    ok: true,
    answer: { domains: [{ name: 'auth' }, { name: 'api' }, { name: 'ui' }], dependencies: { ui: ['api'] } },
  });
});

describe('the supervise activity', () => {
  test('routes with the configured supervisor', async () => {
    const command = answering('activity.js', `{ domains: [{ name: 'profile', reason: 'avatars' }] }`);
    const supervise = createSupervise({
      catalog: DEFAULT_CATALOG,
      executors: { simulated: createSimulatedExecutor() },
      supervisor: settings(command),
    });
    const request = StoryRequestSchema.parse({ title: 'Add Google login' });
    const plan = (await new MockActivityEnvironment().run(supervise, { request, storyId: 's1' })) as StoryPlan;
    expect(plan.routedBy).toBe('supervisor');
    expect(plan.domains.map((d) => [d.name, d.reason])).toEqual([['profile', 'avatars']]);
    expect(plan.supervisor?.command).toBe('./activity.js');
  });
});
