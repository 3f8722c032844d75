import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataConverter } from '@temporalio/common';
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { Runtime, Worker } from '@temporalio/worker';
import type { NativeConnection, WorkerOptions, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { HostInfo } from '../activities/host';
import { createSimulatedExecutor } from '../executors/simulated';
import type { SupervisorSettings } from '../executors/supervisor/config';
import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import { reportDiskUse } from '../observability/disk-use';
import { phaseLogAttributes } from '../observability/phase-log-attributes';
import { checkSearchAttributesForWorker } from './search-attribute-setup';

/** Everything a WAVE worker is built from. */
export interface WaveWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  catalog: Catalog;
  /** The command that routes stories (`supervisor` in wave.config.json). @default none: the built-in router routes */
  supervisor?: SupervisorSettings;
  /** Executors by kind. @default { simulated } */
  executors?: ExecutorRegistry;
  /** A prebuilt workflow bundle (tests build it once); bundled from `src/workflows` when absent. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** @default 100 */
  maxConcurrentActivities?: number;
  /** @default 40 */
  maxConcurrentWorkflowTasks?: number;
  /** How long running phases may finish when the worker stops. @default 10000 */
  shutdownGraceMs?: number;
  /** Payload encryption (the same as the clients'). */
  dataConverter?: DataConverter;
  /** OpenTelemetry tracing (`tracingPlugin`); the worker must bundle the workflows itself (no `workflowBundle`). */
  tracing?: OpenTelemetryPlugin;
  /**
   * This worker's id as a host of domains, stable across its restarts; its own task queue is derived from it.
   * @default the hostname and a hash of the process's working directory
   */
  hostId?: string;
  /** Domains (each with its worktree) this worker holds at once. @default 10 */
  maxWorktrees?: number;
  /** How long a cached workflow's task waits for this worker before any worker takes it. @default 2000 */
  stickyQueueTimeoutMs?: number;
  /** The command executor's clone cache, whose disk use the worker reports (`wave_worktree_disk_bytes`). */
  cacheDir?: string;
  /** How often it is measured. @default 30000 */
  diskUseIntervalMs?: number;
}

/** A WAVE worker: the shared task queue (workflows and activities) and this host's own queue (its domains' phases). */
export interface WaveWorker {
  readonly host: HostInfo;
  /** Runs both until `shutdown()`; if one of them fails, the other is shut down and the failure is thrown. */
  run(): Promise<void>;
  /** Runs until `promise` settles, then shuts down; answers what `promise` answered. */
  runUntil<T>(promise: Promise<T>): Promise<T>;
  shutdown(): void;
  getState(): ReturnType<Worker['getState']>;
}

/** A host id for this process: hostname plus a hash of where it works (its clone cache lives there). */
export function defaultHostId(cwd: string = process.cwd()): string {
  return `${hostname()}-${createHash('sha256').update(cwd).digest('hex').slice(0, 8)}`;
}

/** The task queue only the given host polls. */
export function hostQueue(input: { taskQueue: string; hostId: string }): string {
  return `${input.taskQueue}/host/${input.hostId}`;
}

/**
 * Builds a worker that runs WAVE's workflows and activities. Fails first, in one line, when the namespace lacks WAVE's
 * search attributes (`wave setup` registers them; local dev servers register them at start).
 */
export async function createWaveWorker(options: WaveWorkerOptions): Promise<WaveWorker> {
  if (options.tracing && options.workflowBundle) {
    // With a prebuilt bundle the plugin silently drops its workflow interceptors: no workflow spans at all.
    throw new Error(
      'tracing needs the worker to bundle the workflows itself (its workflow interceptors go into the bundle): omit workflowBundle',
    );
  }
  await checkSearchAttributesForWorker({
    connection: options.connection,
    namespace: options.namespace,
    warn: (message) => Runtime.instance().logger.warn(message),
  });
  const id = options.hostId ?? defaultHostId();
  const host: HostInfo = {
    id,
    queue: hostQueue({ taskQueue: options.taskQueue, hostId: id }),
    maxWorktrees: options.maxWorktrees ?? 10,
  };
  const activities = createActivities({
    catalog: options.catalog,
    ...(options.supervisor ? { supervisor: options.supervisor } : {}),
    executors: options.executors ?? { simulated: createSimulatedExecutor() },
    host,
  });
  const common: Omit<WorkerOptions, 'taskQueue'> = {
    connection: options.connection,
    namespace: options.namespace,
    identity: `${id}/${process.pid}`,
    activities,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 100,
    // Heartbeats reach the server at least every second, so a cancelled phase learns of it within about a second.
    maxHeartbeatThrottleInterval: '1s',
    shutdownGraceTime: options.shutdownGraceMs ?? 10_000,
    interceptors: { activity: [phaseLogAttributes] },
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.tracing ? { plugins: [options.tracing] } : {}),
  };
  const shared = await Worker.create({
    ...common,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTasks ?? 40,
    // A dead worker's runs go on elsewhere after this, not after the SDK's default of 10 s.
    stickyQueueScheduleToStartTimeout: options.stickyQueueTimeoutMs ?? 2000,
  });
  const own = await Worker.create({ ...common, taskQueue: host.queue });
  const disk = options.cacheDir
    ? {
        dir: options.cacheDir,
        host: id,
        ...(options.diskUseIntervalMs ? { intervalMs: options.diskUseIntervalMs } : {}),
      }
    : undefined;
  return pairedWorker({ host, shared, own, ...(disk ? { disk } : {}) });
}

/** The two workers as one: they run, stop and fail together. */
function pairedWorker(input: {
  host: HostInfo;
  shared: Worker;
  own: Worker;
  disk?: Parameters<typeof reportDiskUse>[0];
}): WaveWorker {
  const { shared, own } = input;
  const shutdown = () => {
    for (const worker of [shared, own]) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  const run = async () => {
    const runs = [shared.run(), own.run()];
    const disk = input.disk ? reportDiskUse(input.disk) : undefined;
    try {
      await Promise.all(runs.map((running) => running.catch((err: unknown) => (shutdown(), Promise.reject(err)))));
    } finally {
      disk?.stop();
      await Promise.allSettled(runs);
    }
  };
  return {
    host: input.host,
    run,
    shutdown,
    getState: () => shared.getState(),
    runUntil: async (promise) => {
      const running = run();
      try {
        return await Promise.race([promise, running.then(() => Promise.reject(new Error('the worker stopped')))]);
      } finally {
        shutdown();
        await running.catch(() => undefined);
      }
    },
  };
}
