import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { executorsFromConfig } from '../src/config/worker-options';
import type { RunReport } from '../src/model/report';
import type { StoryRequestInput } from '../src/model/story-request';
import { resolveTemporalCli } from '../src/temporal/cli-binary';
import type { DevServer } from '../src/temporal/dev-server';
import { reviewStory } from '../src/temporal/story-client';
import { domainWorkflowId, storyWorkflowId } from '../src/workflow-safe/ids';
import { progressQuery } from '../src/workflows';
import type { Harness } from '../tests/helpers/harness';
import { startHarness, startServer } from '../tests/helpers/harness';

/**
 * Records the histories that guard workflow code against non-deterministic changes: each scenario runs on a real
 * local server and its parent and child histories are written to tests/fixtures/histories/<scenario>.<workflow>.json.
 * Run it (`npm run record-histories`) when a deliberate, `patched()`-guarded change needs new fixtures. Existing
 * fixtures are kept: they are the histories of older workflow code that today's code must still replay. A scenario
 * whose parent history is already there is skipped; never re-record to make a failing replay pass.
 */
const SIMULATED: Record<string, StoryRequestInput> = {
  'multi-domain-success': {
    storyId: 'fixture-multi-domain-success',
    title: 'Add Google login, Stripe checkout and an avatar on the profile page',
    dependencies: { profile: ['auth'] },
    executor: { kind: 'simulated', phaseMs: 20, domains: { payments: { failingTestRuns: 1 } } },
  },
  'partial-failure': {
    storyId: 'fixture-partial-failure',
    title: 'Add a login page with a settings dashboard',
    domains: ['auth', 'ui', 'profile'],
    policy: { toleratedFailures: 1, retry: { initialIntervalMs: 50, backoffCoefficient: 1 } },
    executor: {
      kind: 'simulated',
      phaseMs: 20,
      domains: {
        ui: { failures: [{ phase: 'implement', kind: 'permanent' }] },
        auth: { failures: [{ phase: 'review', kind: 'transient', attempts: 1 }] },
      },
    },
  },
  // The story context passed to domains and phases as one object; the merge gate decided in the workflow.
  'story-context': {
    storyId: 'fixture-story-context',
    title: 'Add Google login, Stripe checkout and an avatar on the profile page',
    dependencies: { profile: ['auth'] },
    policy: { toleratedFailures: 1 },
    executor: { kind: 'simulated', phaseMs: 20, domains: { payments: { failingTestRuns: 1 } } },
  },
  // Runs with search attributes, current details and metrics (the `wave-visibility` patch).
  'visibility-partial': {
    storyId: 'fixture-visibility-partial',
    title: 'Add Google login with a settings dashboard',
    domains: ['auth', 'ui'],
    policy: { toleratedFailures: 1, retry: { initialIntervalMs: 50, backoffCoefficient: 1 } },
    executor: {
      kind: 'simulated',
      phaseMs: 20,
      domains: {
        ui: { failures: [{ phase: 'test', kind: 'permanent' }] },
        auth: { failingTestRuns: 1 },
      },
    },
  },
};

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'histories');
const EXAMPLE = join(ROOT, 'examples', 'delivery-demo');

/** A run of the example with a merge conflict, decided by a person: covers the merge review and its update. */
async function mergeReviewScenario(input: {
  harness: Harness;
  storyId: string;
}): Promise<{ storyId: string; report: RunReport }> {
  const { harness, storyId } = input;
  const repo = join(mkdtempSync(join(tmpdir(), 'wave-fixture-')), 'shop');
  execFileSync(join(EXAMPLE, 'create-repo.sh'), [repo]);
  const handle = await harness.start({
    storyId,
    title: 'Add Google login and let users choose their session length in profile settings',
    workspace: repo,
    executor: { kind: 'command' },
  });
  while ((await handle.query(progressQuery)).stage !== 'awaiting-review') await new Promise((r) => setTimeout(r, 100));
  await reviewStory({
    client: harness.client,
    storyId,
    decision: { approve: true, reviewer: 'fixture', comment: 'recorded' },
  });
  return { storyId, report: await handle.result() };
}

async function save(input: { server: DevServer; cli: string; name: string; storyId: string; report: RunReport }) {
  const { storyId, report } = input;
  const children = report.domains
    .filter((d) => d.phases.length)
    .map((d) => domainWorkflowId({ storyId, domain: d.domain }));
  for (const id of [storyWorkflowId(storyId), ...children]) {
    const json = execFileSync(input.cli, [
      'workflow',
      'show',
      '--workflow-id',
      id,
      '--address',
      input.server.address,
      '--output',
      'json',
    ]);
    const file = join(OUT, `${input.name}.${id.replace(/[/]/g, '.')}.json`);
    writeFileSync(file, json);
    const events = (JSON.parse(json.toString()) as { events: unknown[] }).events.length;
    console.log(`recorded ${file} (${events} events, outcome ${report.outcome}, review ${report.review.decision})`);
  }
}

function recorded(input: { name: string; storyId: string }): boolean {
  const file = join(OUT, `${input.name}.${storyWorkflowId(input.storyId)}.json`);
  if (existsSync(file)) console.log(`kept ${file}`);
  return existsSync(file);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const resolved = resolveTemporalCli();
  if (resolved.source === 'sdk-download') throw new Error('recording needs the temporal CLI (npm install installs it)');
  const server = await startServer();
  const config = loadConfig({ env: { WAVE_CONFIG: join(EXAMPLE, 'wave.config.json') } });
  const harness = await startHarness({ server, executors: executorsFromConfig(config) });
  try {
    for (const [name, request] of Object.entries(SIMULATED)) {
      const storyId = request.storyId as string;
      if (recorded({ name, storyId })) continue;
      await save({ server, cli: resolved.path, name, storyId, report: await harness.run(request) });
    }
    // Recorded before the story context became one object, after it, and with host affinity and `onApproved`.
    for (const [name, storyId] of [
      ['merge-review', 'fixture-merge-review'],
      ['merge-review-story-context', 'fixture-merge-review-story-context'],
      ['merge-review-hosts', 'fixture-merge-review-hosts'],
    ] as const) {
      if (recorded({ name, storyId })) continue;
      await save({ server, cli: resolved.path, name, ...(await mergeReviewScenario({ harness, storyId })) });
    }
  } finally {
    await harness.close();
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
