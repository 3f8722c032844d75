import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { domainWorkflowId, storyWorkflowId } from '../src/shared/ids';
import type { StoryRequestInput } from '../src/shared/story-request';
import { resolveTemporalCli } from '../src/temporal/cli-binary';
import { startHarness, startServer } from '../tests/helpers/harness';

/**
 * Records the histories that guard workflow code against non-deterministic changes: each scenario runs on a real
 * local server and its parent and child histories are written to tests/fixtures/histories/<scenario>.<workflow>.json.
 * Run it (`npm run record-histories`) when a deliberate, `patched()`-guarded change needs new fixtures; never to
 * make a failing replay pass.
 */
export const SCENARIOS: Record<string, StoryRequestInput> = {
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
};

const OUT = resolve(__dirname, '..', 'tests', 'fixtures', 'histories');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const resolved = resolveTemporalCli();
  if (resolved.source === 'sdk-download') throw new Error('recording needs the temporal CLI (npm install installs it)');
  const cli = resolved.path;
  const server = await startServer();
  const harness = await startHarness({ server });
  try {
    for (const [name, request] of Object.entries(SCENARIOS)) {
      const handle = await harness.start(request);
      const report = await handle.result();
      const storyId = request.storyId as string;
      const ids = [
        storyWorkflowId(storyId),
        ...report.domains.filter((d) => d.phases.length).map((d) => domainWorkflowId({ storyId, domain: d.domain })),
      ];
      for (const id of ids) {
        const json = execFileSync(cli, [
          'workflow',
          'show',
          '--workflow-id',
          id,
          '--address',
          server.address,
          '--output',
          'json',
        ]);
        const file = join(OUT, `${name}.${id.replace(/[/]/g, '.')}.json`);
        writeFileSync(file, json);
        const events = (JSON.parse(json.toString()) as { events: unknown[] }).events.length;
        console.log(`recorded ${file} (${events} events, outcome ${report.outcome})`);
      }
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
