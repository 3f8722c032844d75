import type { DataConverter } from '@temporalio/common';
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { Runtime, Worker } from '@temporalio/worker';
import type { NativeConnection, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createSimulatedExecutor } from '../executors/simulated';
import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import { phaseLogAttributes } from '../observability/phase-log-attributes';
import { checkSearchAttributesForWorker } from './search-attribute-setup';

/** Everything a WAVE worker is built from. */
export interface WaveWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  catalog: Catalog;
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
}

/**
 * Builds a worker that runs WAVE's workflows and activities. Fails first, in one line, when the namespace lacks WAVE's
 * search attributes (`wave setup` registers them; local dev servers register them at start).
 */
export async function createWaveWorker(options: WaveWorkerOptions): Promise<Worker> {
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
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({
      catalog: options.catalog,
      executors: options.executors ?? { simulated: createSimulatedExecutor() },
    }),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 100,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTasks ?? 40,
    // Heartbeats reach the server at least every second, so a cancelled phase learns of it within about a second.
    maxHeartbeatThrottleInterval: '1s',
    shutdownGraceTime: options.shutdownGraceMs ?? 10_000,
    interceptors: { activity: [phaseLogAttributes] },
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.tracing ? { plugins: [options.tracing] } : {}),
  });
}
