import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import { createRepo } from '../helpers/git-repo';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

/** Fake agent CLIs that print their real counterpart's documented output (tests/fakes/agents). */
const FAKES = resolve(__dirname, '..', 'fakes', 'agents');
const API_KEY = 'sk-ant-wave-test-93c1f0a7d2';
let server: DevServer;
let h: Harness;
let dir: string;
const modes: Record<string, string> = {};

interface ArgvEntry {
  agent: string;
  argv: string[];
  stdin: string;
  phase: string;
  domain: string;
}

function runs(domain: string): ArgvEntry[] {
  return readFileSync(join(dir, 'argv.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ArgvEntry)
    .filter((entry) => entry.domain === domain);
}

const agent = (name: string, extra: object = {}) => ({
  agent: name,
  program: join(FAKES, name),
  timeoutMs: 20_000,
  env: ['FAKE_AGENT_MODES_FILE', 'FAKE_AGENT_LOG', 'FAKE_SECRET_NAME'],
  ...extra,
});
const allPhases = (run: object) => ({ plan: run, review: run, implement: run, test: run });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wave-agents-'));
  writeFileSync(join(dir, 'anthropic.key'), `${API_KEY}\n`);
  process.env.FAKE_AGENT_MODES_FILE = join(dir, 'modes.json');
  process.env.FAKE_AGENT_LOG = join(dir, 'argv.jsonl');
  process.env.FAKE_SECRET_NAME = 'ANTHROPIC_API_KEY';
  server = await startServer();
  const config = parseConfig({
    baseDir: dir,
    data: {
      executors: {
        command: {
          phases: allPhases(agent('claude', { secrets: { ANTHROPIC_API_KEY: { file: 'anthropic.key' } } })),
          domains: {
            payments: allPhases(agent('codex', { model: 'gpt-5' })),
            api: allPhases(agent('gemini')),
            data: allPhases(agent('aider')),
            ui: allPhases(agent('codex', { model: 'acme-coder-1' })),
          },
        },
      },
    },
  });
  h = await startHarness({ server, executors: executorsFromConfig(config) });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

function setModes(next: Record<string, string>): void {
  Object.assign(modes, next);
  writeFileSync(join(dir, 'modes.json'), JSON.stringify(modes));
}

test('claude, codex, gemini and aider deliver a story; a retry resumes the agent session; estimated costs are marked', async () => {
  setModes({ 'auth/implement': 'fail-unless-resumed', 'auth/plan': 'echo-secret', 'payments/implement': 'fail-first' });
  const report = await h.run({
    title: 'Add Google login, Stripe checkout and a REST endpoint for orders',
    description: `Use the key ${API_KEY} for the staging model.`,
    domains: ['auth', 'payments', 'api', 'data'],
    budget: { tokens: 3_000_000, costUsd: 10 },
    workspace: createRepo({ 'README.md': 'shop\n' }),
    executor: { kind: 'command' },
  });
  expect(report.domains.filter((d) => d.error).map((d) => d.error)).toEqual([]);
  expect(report.outcome).toBe('succeeded');
  expect(report.filesByDomain).toEqual({
    auth: ['auth-by-claude.txt'],
    payments: ['payments-by-codex.txt'],
    api: ['api-by-gemini.txt'],
    data: ['data-by-aider.txt'], // not aider's cache, which stays out of the commit
  });
  // The failed first attempt's session is resumed by the retry, with claude's own option.
  const implement = report.domains.find((d) => d.domain === 'auth')?.phases.find((p) => p.phase === 'implement');
  expect(implement?.attempt).toBe(2);
  expect(implement?.agent).toMatchObject({ name: 'claude', resumed: true });
  const [first, second] = runs('auth').filter((entry) => entry.phase === 'implement');
  expect(first?.argv).not.toContain('--resume');
  expect(second?.argv.slice(second.argv.indexOf('--resume'))[1]).toBe(implement?.agent?.sessionId);
  // The tokens codex spent on its failed first attempt count with those of the attempt that resumed its thread.
  const paid = report.domains.find((d) => d.domain === 'payments')?.phases.find((p) => p.phase === 'implement');
  expect(paid?.attempt).toBe(2);
  expect(paid?.agent?.resumed).toBe(true);
  expect(paid?.usage.tokens).toBe(24_885 + 49_770);
  // Claude reports dollars; codex and gemini only tokens, so their dollars are priced and said to be estimated.
  expect(report.budget.estimatedCost).toEqual(['payments', 'api']);
  const phaseCosts = report.domains.flatMap((d) => d.phases.map((p) => p.usage.costUsd));
  expect(report.budget.used.costUsd).toBeCloseTo(
    phaseCosts.reduce((a, b) => a + b, 0),
    6,
  );
  expect(report.budget.used.costUsd).toBeGreaterThan(0);
  // The secret, passed by reference, reaches neither the agent's prompt nor the report.
  const plan = runs('auth').find((entry) => entry.phase === 'plan');
  expect(plan?.stdin).toContain('[redacted]');
  expect(plan?.stdin).not.toContain(API_KEY);
  const auth = report.domains.find((d) => d.domain === 'auth');
  expect(auth?.phases[0]?.summary).toContain('The key is [redacted]');
  expect(JSON.stringify(report)).not.toContain(API_KEY);
});

test('an authentication error is not retried; an agent over its share is stopped; a review needs a verdict', async () => {
  setModes({ 'profile/plan': 'auth', 'data/implement': 'expensive', 'api/review': 'no-verdict' });
  const [failed, stopped, silent] = await Promise.all([
    h.run({
      title: 'Let users pick a display name',
      domains: ['profile'],
      workspace: createRepo({ 'README.md': 'app\n' }),
      executor: { kind: 'command' },
    }),
    h.run({
      title: 'Backfill the orders table',
      domains: ['data'],
      budget: { tokens: 5_000_000, costUsd: 0.5 },
      workspace: createRepo({ 'README.md': 'app\n' }),
      executor: { kind: 'command' },
    }),
    h.run({
      title: 'A REST endpoint for orders',
      domains: ['api'],
      workspace: createRepo({ 'README.md': 'app\n' }),
      executor: { kind: 'command' },
    }),
  ]);
  const profile = failed.domains[0];
  expect(profile?.status).toBe('failed');
  expect(profile?.error?.type).toBe('AgentAuthFailed');
  expect(profile?.error?.message).toMatch(/Invalid API key/);
  expect(runs('profile').filter((entry) => entry.phase === 'plan')).toHaveLength(1);

  const data = stopped.domains[0];
  expect(data?.status).toBe('budget-exceeded');
  expect(data?.filesModified).toEqual([]);
  expect(data?.budgetUsed.costUsd).toBeGreaterThan(0.5);
  expect(data?.budgetUsed.costUsd).toBeLessThan(1); // stopped a few calls over the line, not after all 40

  const api = silent.domains[0];
  expect(api?.status).toBe('failed');
  expect(api?.error?.type).toBe('PhaseRejected');
  expect(api?.error?.message).toMatch(/gave no VERDICT line/);
});

test('a model with no price is refused before the run starts', async () => {
  const failure = await h
    .run({
      title: 'Dark mode for the settings screen',
      domains: ['ui'],
      workspace: createRepo({ 'README.md': 'app\n' }),
      executor: { kind: 'command' },
    })
    .then(
      () => undefined,
      (err: unknown) => err as Error & { cause?: Error },
    );
  expect(failure?.cause?.message).toMatch(/ui\/plan: codex reports no cost and model "acme-coder-1" has no price/);
});
