import type { RunReport } from '../src/model/report';
import { storyWorkflowId } from '../src/workflow-safe/ids';
import { storyWorkflow } from '../src/workflows';
import { langGraphPeer, promiseAllPeer } from './lib/peers';
import type { Stack } from './lib/stack';
import { historySize, processCpuSeconds, syntheticDomains } from './lib/stack';
import type { Stats } from './lib/stats';
import { fmt, measure, ratio, stats } from './lib/stats';
import { activityPerDomainWorkflow } from './workflows';

/** What every scenario gets: the stacks, the mode, and where to put figures and Markdown. */
export interface Bench {
  memory: Stack;
  file: Stack;
  quick: boolean;
  results: Record<string, unknown>;
  md: string[];
}

const SIX = ['auth', 'payments', 'profile', 'api', 'ui', 'data'];
let sequence = 0;
/** Children running at once in fan-out runs. */
const WINDOW = Number(process.env.BENCH_WINDOW ?? 50);
const CACHE = Number(process.env.BENCH_CACHE ?? 100);

/** Runs one story end to end (start → report) on a stack. */
export async function story(input: {
  stack: Stack;
  domains: string[];
  phaseMs: number;
  maxParallel?: number;
  eager?: boolean;
}): Promise<RunReport> {
  const storyId = `b-${process.pid}-${sequence++}`;
  const client = input.eager ? input.stack.eagerClient : input.stack.client;
  const handle = await client.workflow.start(storyWorkflow, {
    taskQueue: input.stack.taskQueue,
    workflowId: storyWorkflowId(storyId),
    args: [
      {
        storyId,
        title: 'bench',
        domains: input.domains,
        policy: { maxParallelDomains: input.maxParallel ?? 10 },
        budget: { tokens: 1_000_000_000, costUsd: 1_000_000 },
        executor: { kind: 'simulated', phaseMs: input.phaseMs },
      },
    ],
    ...(input.eager ? { requestEagerStart: true } : {}),
  });
  return handle.result();
}

const cell = (s: Stats) => `${fmt(s.median)} / ${fmt(s.p95)} (${fmt(s.min)}–${fmt(s.max)})`;

export async function overhead(bench: Bench): Promise<void> {
  const runs = bench.quick ? 5 : 20;
  const warmup = bench.quick ? 2 : 5;
  const rows: Record<string, Record<string, Stats>> = {};
  bench.md.push('### Orchestration overhead (zero-duration phases, end-to-end ms: median / p95 (min–max))', '');
  bench.md.push(
    '| domains | WAVE in-memory server | WAVE SQLite server | Promise.all | LangGraph | WAVE ÷ LangGraph |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const count of [1, 3, 6]) {
    const domains = SIX.slice(0, count);
    const row = {
      memory: stats(await measure({ runs, warmup, fn: () => story({ stack: bench.memory, domains, phaseMs: 0 }) })),
      file: stats(await measure({ runs, warmup, fn: () => story({ stack: bench.file, domains, phaseMs: 0 }) })),
      promiseAll: stats(await measure({ runs, warmup, fn: () => promiseAllPeer({ domains, phaseMs: 0 }) })),
      langGraph: stats(await measure({ runs, warmup, fn: () => langGraphPeer({ domains, phaseMs: 0 }) })),
    };
    rows[count] = row;
    bench.md.push(
      `| ${count} | ${cell(row.memory)} | ${cell(row.file)} | ${cell(row.promiseAll)} | ${cell(row.langGraph)} | ${ratio(row.memory.median, row.langGraph.median)} |`,
    );
  }
  const eager = stats(
    await measure({
      runs,
      warmup,
      fn: () => story({ stack: bench.memory, domains: SIX.slice(0, 3), phaseMs: 0, eager: true }),
    }),
  );
  bench.md.push(
    '',
    `Eager workflow start (client and worker in one process), 3 domains, in-memory: ${cell(eager)} ms, against ${cell(rows[3]?.memory as Stats)} ms without.`,
    '',
  );
  bench.results.overhead = { rows, eagerStart3: eager };
}

export async function parallel(bench: Bench): Promise<void> {
  const phaseMs = 1000;
  const runs = bench.quick ? 1 : 3;
  const domains = SIX;
  const wave = stats(await measure({ runs, warmup: 0, fn: () => story({ stack: bench.memory, domains, phaseMs }) }));
  const promise = stats(await measure({ runs, warmup: 0, fn: () => promiseAllPeer({ domains, phaseMs }) }));
  const graph = stats(await measure({ runs, warmup: 0, fn: () => langGraphPeer({ domains, phaseMs }) }));
  const critical = 4 * phaseMs;
  bench.md.push(
    '### Parallel efficiency (6 domains × 4 phases of 1 s; critical path 4 s)',
    '',
    '| runner | wall ms: median / p95 (min–max) | ÷ critical path | ÷ Promise.all | ÷ LangGraph |',
    '| --- | --- | --- | --- | --- |',
    `| WAVE | ${cell(wave)} | ${ratio(wave.median, critical)} | ${ratio(wave.median, promise.median)} | ${ratio(wave.median, graph.median)} |`,
    `| Promise.all | ${cell(promise)} | ${ratio(promise.median, critical)} | 1.00x | ${ratio(promise.median, graph.median)} |`,
    `| LangGraph | ${cell(graph)} | ${ratio(graph.median, critical)} | ${ratio(graph.median, promise.median)} | 1.00x |`,
    '',
  );
  bench.results.parallel = { wave, promiseAll: promise, langGraph: graph, criticalPathMs: critical };
}

export async function throughput(bench: Bench): Promise<void> {
  const total = bench.quick ? 40 : 300;
  const concurrency = bench.quick ? 20 : 50;
  const stack = bench.memory;
  const latencies: number[] = [];
  const serverBefore = processCpuSeconds(stack.server.pid as number);
  const selfBefore = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t = performance.now();
        await story({ stack, domains: SIX.slice(0, 3), phaseMs: 0 });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const wallS = (performance.now() - start) / 1000;
  const self = process.cpuUsage(selfBefore);
  const serverCpu = processCpuSeconds(stack.server.pid as number) - serverBefore;
  const workerCpu = (self.user + self.system) / 1e6;
  const latency = stats(latencies);
  bench.md.push(
    `### Throughput (${total} three-domain stories, ${concurrency} at a time, zero-duration phases, in-memory server)`,
    '',
    `${(total / wallS).toFixed(1)} stories/s (${((total * 3) / wallS).toFixed(0)} domain workflows/s); latency at that load ${cell(latency)} ms. ` +
      `CPU: server ${serverCpu.toFixed(1)} s, worker + client process ${workerCpu.toFixed(1)} s over ${wallS.toFixed(1)} s wall on 2 cores.`,
    '',
  );
  bench.results.throughput = {
    total,
    concurrency,
    storiesPerSecond: total / wallS,
    latency,
    serverCpuS: serverCpu,
    workerCpuS: workerCpu,
    wallS,
  };
}

export async function fanOut(bench: Bench): Promise<void> {
  const counts = bench.quick ? [10, 100] : [10, 100, 1000];
  const rows = [];
  bench.md.push(
    `### Fan-out scale (zero-duration phases, sliding window of ${WINDOW} children, worker cache of ${CACHE} workflows)`,
    '',
    '| domains | wall s | worker RSS peak MiB | parent history events | parent history KiB | report |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const count of counts) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const start = performance.now();
    const report = await story({
      stack: bench.memory,
      domains: syntheticDomains(count),
      phaseMs: 0,
      maxParallel: WINDOW,
    });
    const wallS = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const size = await historySize({ client: bench.memory.client, workflowId: storyWorkflowId(report.storyId) });
    const row = {
      count,
      wallS,
      rssPeakMiB: peak / 2 ** 20,
      ...size,
      outcome: report.outcome,
      byReference: report.fullReport !== undefined,
    };
    rows.push(row);
    bench.md.push(
      `| ${count} | ${wallS.toFixed(1)} | ${row.rssPeakMiB.toFixed(0)} | ${size.events} | ${(size.bytes / 1024).toFixed(0)} | ${report.outcome}${row.byReference ? ', full report stored by reference' : ''} |`,
    );
  }
  bench.md.push('');
  bench.results.fanOut = rows;
}

export async function design(bench: Bench): Promise<void> {
  const runs = bench.quick ? 5 : 15;
  const stack = bench.memory;
  const executor = {
    kind: 'simulated' as const,
    phaseMs: 0,
    tokensPerPhase: 1200,
    usdPer1kTokens: 0.01,
    domains: {},
    transientFailureRate: 0,
    seed: 'b',
  };
  const child = stats(await measure({ runs, warmup: 2, fn: () => story({ stack, domains: SIX, phaseMs: 0 }) }));
  const flat = stats(
    await measure({
      runs,
      warmup: 2,
      fn: () =>
        stack.client.workflow.execute(activityPerDomainWorkflow, {
          taskQueue: stack.taskQueue,
          workflowId: `flat-${process.pid}-${sequence++}`,
          args: [{ storyId: 'flat', domains: SIX, executor }],
        }),
    }),
  );
  const report = await story({ stack, domains: SIX, phaseMs: 0 });
  const parent = await historySize({ client: stack.client, workflowId: storyWorkflowId(report.storyId) });
  let childEvents = 0;
  for (const domain of SIX)
    childEvents += (
      await historySize({ client: stack.client, workflowId: `${storyWorkflowId(report.storyId)}/${domain}` })
    ).events;
  const flatId = `flat-${process.pid}-${sequence++}`;
  await stack.client.workflow.execute(activityPerDomainWorkflow, {
    taskQueue: stack.taskQueue,
    workflowId: flatId,
    args: [{ storyId: 'flat', domains: SIX, executor }],
  });
  const flatSize = await historySize({ client: stack.client, workflowId: flatId });
  bench.md.push(
    '### Cost of the design: a child workflow per domain against one activity per domain (6 domains, zero-duration)',
    '',
    '| design | latency ms: median / p95 (min–max) | history events (parent + children) |',
    '| --- | --- | --- |',
    `| child workflow per domain, activity per phase (WAVE) | ${cell(child)} | ${parent.events} + ${childEvents} |`,
    `| one activity per domain (phases inside it) | ${cell(flat)} | ${flatSize.events} |`,
    '',
  );
  bench.results.design = {
    childPerDomain: { latency: child, parentEvents: parent.events, childEvents },
    activityPerDomain: { latency: flat, events: flatSize.events },
  };
}
