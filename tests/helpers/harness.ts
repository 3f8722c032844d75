import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DefaultLogger, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import type { ExecutorRegistry } from '../../src/executors/types';
import type { Catalog } from '../../src/model/catalog';
import type { RunReport } from '../../src/model/report';
import type { StoryRequestInput } from '../../src/model/story-request';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import type { DevServer } from '../../src/temporal/dev-server';
import { startTestServer } from '../../src/temporal/dev-server';
import type { WaveWorker } from '../../src/temporal/worker-factory';
import { createWaveWorker } from '../../src/temporal/worker-factory';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import { storyWorkflow } from '../../src/workflows';

// Tests show the SDK's errors only (expected failures log warnings).
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed by an earlier test file in this process
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quietLogger() });
  return bundle;
}

function quietLogger() {
  const noop = () => undefined;
  return { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
}

/** A real local dev server plus a worker on a fresh task queue. */
export interface Harness {
  server: DevServer;
  client: Client;
  taskQueue: string;
  worker: WaveWorker;
  /** Starts a story (a unique story id unless given) and returns its handle. */
  start(request: StoryRequestInput): Promise<WorkflowHandle<typeof storyWorkflow>>;
  /** Starts a story and waits for its report. */
  run(request: StoryRequestInput): Promise<RunReport>;
  close(): Promise<void>;
}

export async function startServer(): Promise<DevServer> {
  return startTestServer();
}

/** Starts a worker (with the given executors) on a new task queue of a running server. */
export async function startHarness(input: {
  server: DevServer;
  executors?: ExecutorRegistry;
  catalog?: Catalog;
  dataConverter?: DataConverter;
}): Promise<Harness> {
  const { server } = input;
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createWaveWorker({
    connection: server.nativeConnection,
    namespace: 'default',
    taskQueue,
    catalog: input.catalog ?? DEFAULT_CATALOG,
    workflowBundle: await workflowBundle(),
    ...(input.executors ? { executors: input.executors } : {}),
    shutdownGraceMs: 1000,
    ...(input.dataConverter ? { dataConverter: input.dataConverter } : {}),
  });
  const running = worker.run();
  const client = input.dataConverter
    ? new Client({ connection: server.connection, dataConverter: input.dataConverter })
    : server.client;
  const start = (request: StoryRequestInput) => {
    const storyId = request.storyId ?? `t-${randomUUID().slice(0, 8)}`;
    return client.workflow.start(storyWorkflow, {
      taskQueue,
      workflowId: storyWorkflowId(storyId),
      args: [{ ...request, storyId }],
    });
  };
  return {
    server,
    client,
    taskQueue,
    worker,
    start,
    run: async (request) => (await start(request)).result(),
    close: async () => {
      worker.shutdown();
      await running;
    },
  };
}
