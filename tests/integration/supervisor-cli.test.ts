import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wave } from '../helpers/cli';

/** A folder with a wave.config.json whose supervisor is `body` (a Node.js script), and the config's path. */
function supervisorConfig(input: { name: string; body: string; timeoutMs?: number }): string {
  const dir = join(root, input.name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'route.js'), `#!/usr/bin/env node\n${input.body}\n`);
  chmodSync(join(dir, 'route.js'), 0o755);
  const config = join(dir, 'wave.config.json');
  writeFileSync(config, JSON.stringify({ supervisor: { command: './route.js', timeoutMs: input.timeoutMs ?? 5000 } }));
  return config;
}

const root = mkdtempSync(join(tmpdir(), 'wave-supervisor-cli-'));
const STORY = 'Add Google login and Stripe checkout';

/** `wave plan` run from the project folder, so the supervisor's relative path must resolve against the config's. */
function plan(input: { config: string; output?: 'json' }) {
  return wave({
    args: ['plan', STORY, ...(input.output ? ['--output', input.output] : [])],
    env: { WAVE_CONFIG: input.config },
  });
}

const answers = supervisorConfig({
  name: 'answers',
  body: `let s = '';
process.stdin.on('data', (c) => (s += c)).on('end', () => {
  const input = JSON.parse(s);
  console.log('routing ' + input.story.title);
  console.log(JSON.stringify({
    domains: [{ name: 'auth', reason: 'sign-in with Google' }, { name: 'payments', reason: 'Stripe checkout' }],
    dependencies: { payments: ['auth'] },
  }));
});`,
});
const garbage = supervisorConfig({ name: 'garbage', body: `console.log('I think: auth, payments');` });
const sleeps = supervisorConfig({ name: 'sleeps', body: 'setTimeout(() => {}, 30000);', timeoutMs: 200 });

test('wave plan shows the supervisor that decided, its reasons and its dependency', async () => {
  const [text, json] = await Promise.all([plan({ config: answers }), plan({ config: answers, output: 'json' })]);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(
    /^Plan for ".*": 2 domain\(s\), 2 layer\(s\), routed by supervisor \(\.\/route\.js, (\d+ ms|\d+\.\d s)\)$/m,
  );
  expect(text.stdout).toMatch(/^ {2}auth .* - +sign-in with Google$/m);
  expect(text.stdout).toMatch(/^ {2}payments .* auth +Stripe checkout$/m);
  expect(text.stdout).toMatch(/^Layers: 0: auth → 1: payments$/m);
  expect(json.code).toBe(0);
  const planned = JSON.parse(json.stdout);
  expect(planned).toMatchObject({ routedBy: 'supervisor', supervisor: { command: './route.js' } });
  expect(planned.supervisor.fallback).toBeUndefined();
});

test('a supervisor that prints garbage or hangs leaves the plan to the built-in router, and the plan says why', async () => {
  const started = Date.now();
  const [fromGarbage, fromSleeper] = await Promise.all([plan({ config: garbage }), plan({ config: sleeps })]);
  expect(fromGarbage.code).toBe(0);
  expect(fromGarbage.stdout).toContain(
    'routed by built-in router (supervisor fell back: printed no JSON object on stdout (last line: "I think: auth, payments"))',
  );
  expect(fromGarbage.stdout).toMatch(/^ {2}auth .*matched/m);
  expect(fromSleeper.code).toBe(0);
  expect(fromSleeper.stdout).toContain(
    'routed by built-in router (supervisor fell back: no answer within 0.2 s (stopped))',
  );
  expect(Date.now() - started).toBeLessThan(5000);
});
