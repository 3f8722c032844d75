import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStoryReport } from '../../src/reporting/write-report';
import { dataConverterFor } from '../../src/temporal/codec';
import type { DevServer } from '../../src/temporal/dev-server';
import { domainWorkflowId } from '../../src/workflow-safe/ids';
import { startCliHarness, wave } from '../helpers/cli';
import type { Harness } from '../helpers/harness';
import { startHarness } from '../helpers/harness';

let server: DevServer;
let h: Harness;
let env: Record<string, string>;
const out = mkdtempSync(join(tmpdir(), 'wave-report-'));

let close: (() => Promise<void>) | undefined;
beforeAll(async () => ({ server, h, env, close } = await startCliHarness()));
afterAll(() => close?.());

test('wave report writes Markdown and HTML with domains, phases, retry and failure marks and budgets', async () => {
  const storyId = `report-${Date.now()}`;
  const report = await h.run({
    storyId,
    title: 'Add login, a profile page and a dashboard',
    domains: ['auth', 'profile', 'ui'],
    policy: { toleratedFailures: 1, retry: { initialIntervalMs: 100 } },
    executor: {
      kind: 'simulated',
      phaseMs: 20,
      domains: {
        auth: { failures: [{ phase: 'review', kind: 'transient' }] },
        profile: { failingTestRuns: 1 },
        ui: { failures: [{ phase: 'implement', kind: 'permanent' }] },
      },
    },
  });
  expect(report.outcome).toBe('partial');

  const result = await wave({ args: ['report', storyId, '--out', out], env });
  expect(result.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
  expect(result.code).toBe(0);
  const paths = result.stdout.trim().split('\n');
  expect(paths).toEqual([join(out, `${storyId}.md`), join(out, `${storyId}.html`)]);

  const md = readFileSync(paths[0] as string, 'utf8');
  expect(md).toContain(`| **Story** | ${storyId} |`);
  expect(md).toContain('| **Status** | PARTIAL');
  expect(md).toMatch(/\| \*\*Budget\*\* \| [\d,]+\/500,000 tok, \$[\d.]+\/\$25\.00 \|/);
  expect(md).toMatch(/\| profile \| no \| 0 \| succeeded \| 2 \(1\) \| \d+\/0 \| 3 \| [\d,]+\/[\d,]+ tok/);
  expect(md).toMatch(
    /\| auth \| review \| \+[\d.]+ (ms|s) \| [\d.]+ (ms|s) \| 2 \| completed, retried ×1 \(SimulatedTransientFailure/,
  );
  expect(md).toMatch(/\| profile \| implement \(fix 1\) \|/);
  expect(md).toMatch(/\| ui \| implement \| .* \| 1 \| failed: SimulatedPermanentFailure/);
  for (const phase of ['plan', 'review', 'implement', 'test'])
    expect(md).toMatch(new RegExp(`\\| auth \\| ${phase} \\|`));
  expect(md).toMatch(/## Budget per domain[\s\S]*\| ui \| 2,400 \/ [\d,]+ \|/);

  const html = readFileSync(paths[1] as string, 'utf8');
  expect(html).toMatch(/<svg class="gantt"/);
  expect(html).toMatch(/<g class="bar outcome-completed retried"><title>auth · review — completed, retried ×1/);
  expect(html).toMatch(/<g class="bar outcome-failed"><title>ui · implement — failed: SimulatedPermanentFailure/);
  expect(html).toMatch(/>profile<\/text>/);
  expect(html).toMatch(/class="meter"/);
  expect(html).not.toMatch(/<script|<link|\bsrc=/);
});

test('a running story is reported as far as it got; an unknown id is one line and exit code 2', async () => {
  const storyId = `report-running-${Date.now()}`;
  const handle = await h.start({
    storyId,
    title: 'Add login',
    domains: ['auth'],
    executor: { kind: 'simulated', phaseMs: 400 },
  });
  await waitForPhase({ storyId, count: 2 });
  const paths = await writeStoryReport({ client: h.client, storyId, outDir: out });
  const md = readFileSync(paths.markdownPath, 'utf8');
  expect(md).toContain('| **Status** | RUNNING');
  expect(md).toContain('| **Finished** | still running |');
  expect(md).toMatch(/\| auth \| plan \| .* \| 1 \| completed \|/);
  expect(md).toMatch(/\| auth \| review \| .* \| 1 \| running \|/);
  expect(readFileSync(paths.htmlPath, 'utf8')).toContain('<span class="status status-running">RUNNING</span>');
  await handle.cancel();

  const unknown = await wave({ args: ['report', 'no-such-story', '--out', out], env });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr.trim()).toBe('wave: no story with id no-such-story');
});

test('with payload encryption, summaries and failure messages are decrypted through the client’s codec', async () => {
  const encrypted = await startHarness({
    server,
    dataConverter: dataConverterFor([{ id: 'k1', key: randomBytes(32) }]),
  });
  try {
    const storyId = `report-encrypted-${Date.now()}`;
    await encrypted.run({
      storyId,
      title: 'Add a login page and a dashboard',
      domains: ['auth', 'ui'],
      policy: { toleratedFailures: 1 },
      executor: {
        kind: 'simulated',
        phaseMs: 10,
        domains: { ui: { failures: [{ phase: 'plan', kind: 'permanent' }] } },
      },
    });
    const paths = await writeStoryReport({ client: encrypted.client, storyId, outDir: out });
    const md = readFileSync(paths.markdownPath, 'utf8');
    expect(md).toMatch(/\| auth \| implement \| .* \| completed \|/);
    expect(md).toMatch(
      /\| ui \| plan \| .* \| failed: SimulatedPermanentFailure: \\\[simulated\\\] permanent failure in ui\/plan \|/,
    );
    expect(md).not.toMatch(/Encoded failure|runPhase/);
  } finally {
    await encrypted.close();
  }
});

/** Waits until the domain child has scheduled `count` phase activities. */
async function waitForPhase(input: { storyId: string; count: number }): Promise<void> {
  await waitFor(async () => {
    const history = await h.client.workflow
      .getHandle(domainWorkflowId({ storyId: input.storyId, domain: 'auth' }))
      .fetchHistory()
      .catch(() => undefined);
    return (history?.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length >= input.count;
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
