import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DEFAULT_CATALOG } from '../src/planning/default-catalog';
import { startTestServer } from '../src/temporal/dev-server';
import { createWaveWorker } from '../src/temporal/worker-factory';
import { storyWorkflowId } from '../src/workflow-safe/ids';
import { storyWorkflow } from '../src/workflows';

/**
 * Wall time of stories whose domains each run 4 phases of `--phase-ms` (default 1000 ms) on the simulated executor,
 * for 1 and N domains, against the critical path of one domain (4 phases). Prints figures and ratios.
 *   npx ts-node bench/parallel-wall-time.ts [--domains 3] [--phase-ms 1000] [--runs 3]
 */
const ALL = ['auth', 'payments', 'profile', 'api', 'ui', 'data'];

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const domains = flag('domains', 3);
  const phaseMs = flag('phase-ms', 1000);
  const runs = flag('runs', 3);
  const server = await startTestServer();
  const worker = await createWaveWorker({
    connection: server.nativeConnection,
    namespace: 'default',
    taskQueue: 'bench',
    catalog: DEFAULT_CATALOG,
  });
  const running = worker.run();
  const client: Client = server.client;
  const criticalPath = 4 * phaseMs;
  const measure = async (count: number, run: number) => {
    const start = performance.now();
    await client.workflow.execute(storyWorkflow, {
      taskQueue: 'bench',
      workflowId: storyWorkflowId(`bench-${count}-${run}-${Date.now()}`),
      args: [{ title: 'bench', domains: ALL.slice(0, count), executor: { kind: 'simulated', phaseMs } }],
    });
    return performance.now() - start;
  };
  try {
    await measure(1, -1); // warm-up
    console.log(`| domains | run | wall ms | vs ${criticalPath} ms critical path |`);
    console.log('| --- | --- | --- | --- |');
    for (const count of [1, domains]) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) times.push(await measure(count, run));
      times.forEach((t, run) =>
        console.log(`| ${count} | ${run + 1} | ${t.toFixed(0)} | ${(t / criticalPath).toFixed(3)}x |`),
      );
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      console.log(
        `| ${count} | median | ${median.toFixed(0)} | ${(median / criticalPath).toFixed(3)}x (overhead ${(median - criticalPath).toFixed(0)} ms) |`,
      );
    }
  } finally {
    worker.shutdown();
    await running;
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
