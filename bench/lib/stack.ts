import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { Catalog } from '../../src/model/catalog';
import { CatalogSchema } from '../../src/model/catalog';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import type { DevServer } from '../../src/temporal/dev-server';
import { startDevServer } from '../../src/temporal/dev-server';
import * as benchActivities from '../activities';

try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // installed already
}

/** The six built-in domains plus `d0001`…`dNNNN` for fan-out runs. */
export function benchCatalog(synthetic: number): Catalog {
  const extra = Array.from({ length: synthetic }, (_, i) => ({
    name: `d${String(i + 1).padStart(4, '0')}`,
    keywords: [`d${i + 1}`],
  }));
  return CatalogSchema.parse({ domains: [...DEFAULT_CATALOG.domains, ...extra] });
}

export function syntheticDomains(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `d${String(i + 1).padStart(4, '0')}`);
}

/** A local dev server (in memory or on a SQLite file) with a worker of WAVE's workflows in this process. */
export interface Stack {
  server: DevServer;
  client: Client;
  /** A client on the worker's own connection: eager workflow start needs it. */
  eagerClient: Client;
  taskQueue: string;
  worker: Worker;
  close(): Promise<void>;
}

let bundlePath: string | undefined;

/** The workflow bundle, built once in a separate process (webpack's memory is not the worker's). */
function workflowBundlePath(): string {
  if (bundlePath) return bundlePath;
  const out = join(mkdtempSync(join(tmpdir(), 'wave-bundle-')), 'workflows.js');
  execFileSync(process.execPath, ['-r', 'ts-node/register', join(__dirname, 'bundle.ts'), out], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
    stdio: 'inherit',
  });
  bundlePath = out;
  return out;
}

export async function startStack(input: {
  fileBacked: boolean;
  port: number;
  tuning?: Partial<Parameters<typeof Worker.create>[0]>;
  serverArgs?: string[];
}): Promise<Stack> {
  const dbFile = input.fileBacked ? join(mkdtempSync(join(tmpdir(), 'wave-bench-')), 'temporal.db') : undefined;
  const server = await startDevServer({
    port: input.port,
    ...(dbFile ? { dbFile } : {}),
    ...(input.serverArgs ? { extraArgs: input.serverArgs } : {}),
  });
  const taskQueue = 'bench';
  const worker = await Worker.create({
    connection: server.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: workflowBundlePath() },
    activities: {
      ...createActivities({
        catalog: benchCatalog(1000),
        executors: executorsFromConfig(),
        host: { id: 'bench', queue: taskQueue, maxWorktrees: 1000 },
      }),
      ...benchActivities,
    },
    maxHeartbeatThrottleInterval: '1s',
    maxConcurrentActivityTaskExecutions: 500,
    maxConcurrentWorkflowTaskExecutions: 100,
    maxCachedWorkflows: Number(process.env.BENCH_CACHE ?? 100),
    ...input.tuning,
  });
  const running = worker.run();
  return {
    server,
    client: new Client({ connection: server.connection }),
    eagerClient: new Client({ connection: server.nativeConnection as never }),
    taskQueue,
    worker,
    close: async () => {
      worker.shutdown();
      await running;
      await server.stop();
    },
  };
}

/** Events and bytes of a workflow's history. */
export async function historySize(input: {
  client: Client;
  workflowId: string;
}): Promise<{ events: number; bytes: number }> {
  const history = await input.client.workflow.getHandle(input.workflowId).fetchHistory();
  return {
    events: history.events?.length ?? 0,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
  };
}

/** CPU seconds a process has used so far (user + system), from /proc. */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
