import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import { reviewStory } from '../../src/temporal/story-client';
import { progressQuery } from '../../src/workflows';
import { gitIn } from '../helpers/git-repo';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';
import { eventually } from '../helpers/processes';

const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'delivery-demo');
let server: DevServer;
let h: Harness;

beforeAll(async () => {
  server = await startServer();
  const config = loadConfig({ env: { WAVE_CONFIG: join(EXAMPLE, 'wave.config.json') } });
  h = await startHarness({ server, executors: executorsFromConfig(config) });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

function demoRepo(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wave-demo-')), 'shop');
  execFileSync(join(EXAMPLE, 'create-repo.sh'), [path]);
  return path;
}

test('the example makes a real multi-domain change, merges it and passes the test gate', async () => {
  const repo = demoRepo();
  const report = await h.run({
    storyId: 'demo-clean',
    title: 'Add Google login and Stripe checkout',
    workspace: repo,
    executor: { kind: 'command' },
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.domains.map((d) => d.domain).sort()).toEqual(['auth', 'payments']);
  expect(report.filesByDomain.payments).toEqual(['src/payments/checkout.js', 'src/routes.js', 'test/payments.test.js']);
  expect(report.tests.failed).toBe(0);
  expect(report.tests.passed).toBeGreaterThanOrEqual(8);
  expect(report.merge).toMatchObject({ conflicts: [], tests: { passed: true } });
  expect(report.review).toMatchObject({ decision: 'approved', by: 'auto-gate' });
  const routes = gitIn(repo, 'show', 'wave/demo-clean/merged:src/routes.js');
  expect(routes).toContain("['POST', '/login/google', 'googleLogin']");
  expect(routes).toContain("['POST', '/checkout', 'stripeCheckout']");
});

test('the example shows a real conflict: auth and profile change the same setting', async () => {
  const repo = demoRepo();
  const handle = await h.start({
    storyId: 'demo-conflict',
    title: 'Add Google login and let users choose their session length in profile settings',
    workspace: repo,
    executor: { kind: 'command' },
  });
  let reason: string | undefined;
  await eventually(async () => {
    const progress = await handle.query(progressQuery);
    reason = progress.reviewReason;
    return progress.stage === 'awaiting-review';
  }, 60_000);
  expect(reason).toMatch(/merge conflict: (auth with profile|profile with auth) in src\/config\.js/);
  await reviewStory({
    client: h.client,
    storyId: 'demo-conflict',
    decision: { approve: true, reviewer: 'lead', comment: 'keep 15 minutes' },
  });
  const report = await handle.result();
  expect(report.review).toMatchObject({ decision: 'approved', by: 'lead' });
  expect(report.merge?.conflicts[0]?.files).toEqual(['src/config.js']);
});

test('the example runs with a claude agent on PATH: the report spends what the agent reported', async () => {
  // The stand-in `claude` speaks Claude Code's stream-json and does the demo's edits (no model is called).
  const ledger = join(mkdtempSync(join(tmpdir(), 'wave-ledger-')), 'costs');
  const path = process.env.PATH;
  process.env.PATH = `${join(EXAMPLE, 'stub-agents')}${delimiter}${path}`;
  process.env.STUB_CLAUDE_LEDGER = ledger;
  const config = loadConfig({ env: { WAVE_CONFIG: join(EXAMPLE, 'wave.claude.config.json') } });
  const agents = await startHarness({ server, executors: executorsFromConfig(config) });
  try {
    const repo = demoRepo();
    const report = await agents.run({
      storyId: 'demo-claude',
      title: 'Add Google login and Stripe checkout',
      workspace: repo,
      executor: { kind: 'command' },
    });
    expect(report.outcome).toBe('succeeded');
    expect(report.filesByDomain.payments).toEqual([
      'src/payments/checkout.js',
      'src/routes.js',
      'test/payments.test.js',
    ]);
    expect(report.merge).toMatchObject({ conflicts: [], tests: { passed: true } });
    const runs = readFileSync(ledger, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number));
    expect(runs).toHaveLength(8); // two domains, four phases each
    const cost = runs.reduce((sum, [usd = 0]) => sum + usd, 0);
    const tokens = runs.reduce((sum, [, count = 0]) => sum + count, 0);
    expect(report.budget.used.costUsd).toBeCloseTo(cost, 6);
    expect(report.budget.used.tokens).toBe(tokens);
    expect(report.budget.estimatedCost).toBeUndefined();
    const phases = report.domains.flatMap((d) => d.phases);
    expect(phases.every((p) => p.agent?.name === 'claude' && p.agent.sessionId)).toBe(true);
  } finally {
    process.env.PATH = path;
    await agents.close();
  }
});
