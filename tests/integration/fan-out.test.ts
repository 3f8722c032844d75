import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createAggregate } from '../../src/activities/aggregate';
import { completeReport } from '../../src/activities/build-report';
import { CatalogSchema } from '../../src/model/catalog';
import type { StoryPlan } from '../../src/model/plan';
import type { AggregatedReport } from '../../src/model/report';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import type { DevServer } from '../../src/temporal/dev-server';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { SEARCH_ATTRIBUTE_VALUE_LIMIT, WAVE_DOMAINS } from '../../src/workflow-safe/search-attributes';
import { wave } from '../helpers/cli';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';
import { domainResult } from '../helpers/results';

// Long names: 80 of them do not fit one search-attribute value (2 KB).
const names = (count: number) =>
  Array.from({ length: count }, (_, i) => `fan-out-synthetic-domain-${String(i + 1).padStart(3, '0')}`);
/** Domains of the run whose report is too large for history (about 2.6 KB of results each: 570 KB in all). */
const WIDE = 220;
const catalog = CatalogSchema.parse({
  domains: [...DEFAULT_CATALOG.domains, ...names(WIDE).map((name) => ({ name, keywords: [name] }))],
});

let server: DevServer;
let h: Harness;
beforeAll(async () => {
  server = await startServer();
  h = await startHarness({ server, catalog });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

test('a large fan-out hands children’s results to the aggregate step by reference, keeping history payloads small', async () => {
  const report = await h.run({
    storyId: 'wide',
    title: 'x',
    domains: names(80),
    policy: { maxParallelDomains: 40 },
    executor: { kind: 'simulated', phaseMs: 0 },
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.domains).toHaveLength(80);
  expect(report.domains.every((d) => d.phases.length === 4)).toBe(true);
  const history = await h.client.workflow.getHandle(storyWorkflowId('wide')).fetchHistory();
  const aggregate = history.events?.find(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'aggregate',
  );
  const input = aggregate?.activityTaskScheduledEventAttributes?.input?.payloads?.[0]?.data?.length ?? 0;
  expect(input).toBeGreaterThan(0);
  expect(input).toBeLessThan(30_000); // references, not 80 results with their phases
  // WaveDomains lists as many domains as fit the 2 KB value limit, then how many more there are.
  const listed = (await h.client.workflow.getHandle(storyWorkflowId('wide')).describe()).typedSearchAttributes.get(
    WAVE_DOMAINS,
  );
  expect(JSON.stringify(listed).length).toBeLessThanOrEqual(SEARCH_ATTRIBUTE_VALUE_LIMIT);
  expect(listed?.slice(0, 3)).toEqual(names(3));
  expect(listed?.at(-1)).toBe(`+${80 - ((listed?.length ?? 0) - 1)} more`);
});

test('a report too large for history travels without its per-domain lists, and its domains’ results complete it', async () => {
  const big = 'x'.repeat(2000);
  const results = names(300).map((domain) =>
    domainResult({
      domain,
      filesModified: [`src/${domain}.ts`],
      phases: ['plan', 'review', 'implement', 'test'].map((phase) => ({
        phase: phase as 'plan',
        iteration: 0,
        summary: big,
        filesModified: [],
        usage: { tokens: 1, costUsd: 0 },
        durationMs: 1,
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:00.001Z',
        attempt: 1,
        simulated: true,
      })),
    }),
  );
  const plan: StoryPlan = {
    storyId: 'huge',
    title: 'x',
    routedBy: 'request',
    domains: results.map((r) => ({
      name: r.domain,
      critical: false,
      layer: 0,
      weight: 1,
      dependsOn: [],
      budget: { tokens: 10, costUsd: 1 },
      reason: '',
    })),
    layers: [results.map((r) => r.domain)],
    budget: { tokens: 3000, costUsd: 300 },
  };
  const report = (await new MockActivityEnvironment().run(createAggregate(), {
    plan,
    results,
    verdict: { outcome: 'succeeded' as const, halted: false },
    executor: 'simulated',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  })) as AggregatedReport;
  expect(report.fullReport?.bytes).toBeGreaterThan(2_000_000);
  expect(report.fullReport?.path).toBeUndefined(); // nothing written on the worker
  expect(JSON.stringify(report).length).toBeLessThan(200_000);
  expect(report.domains).toHaveLength(300);
  expect(report.domains[0]?.phases).toEqual([]);
  const full = completeReport({ report, results });
  expect(full.fullReport).toBeUndefined();
  expect(full.domains[0]?.phases).toHaveLength(4);
  expect(full.aggregatedFiles).toHaveLength(300);
  expect(full.budget.perDomain).toHaveLength(300);
});

test('the full report of a run too large for history is read by `wave report` and `wave status` from another folder', async () => {
  const storyId = 'wide-report';
  const report = await h.run({
    storyId,
    title: 'x',
    domains: names(WIDE),
    policy: { maxParallelDomains: 100 },
    executor: { kind: 'simulated', phaseMs: 0, tokensPerPhase: 1 },
  });
  expect(report.outcome).toBe('succeeded');
  expect(report.fullReport).toBeDefined(); // the run's own result is the slim one
  expect(report.aggregatedFiles).toEqual([]);
  // Another process, in a folder of its own, that knows only the server's address.
  const elsewhere = mkdtempSync(join(tmpdir(), 'wave-reader-'));
  const env = { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'default', WAVE_TASK_QUEUE: h.taskQueue };
  const written = await wave({ args: ['report', storyId, '--out', 'out'], env, cwd: elsewhere });
  expect(written.stderr).toBe('');
  expect(written.code).toBe(0);
  const md = readFileSync(join(elsewhere, 'out', `${storyId}.md`), 'utf8');
  expect(md).not.toContain('too large for workflow history');
  // Every domain's row has its 3 files changed, and the budget table lists every domain.
  for (const name of [names(1)[0], names(WIDE).at(-1)] as string[]) {
    expect(md).toMatch(new RegExp(`\\| ${name} \\| no \\| 0 \\| succeeded \\| 1 \\(0\\) \\| 6/0 \\| 3 \\|`));
  }
  const status = await wave({ args: ['status', storyId, '--output', 'json'], env, cwd: elsewhere });
  expect(status.code).toBe(0);
  const state = JSON.parse(status.stdout) as { report: AggregatedReport };
  expect(state.report.fullReport).toBeUndefined();
  expect(state.report.domains.every((d) => d.phases.length === 4)).toBe(true);
  expect(state.report.aggregatedFiles).toHaveLength(WIDE * 3);
});
