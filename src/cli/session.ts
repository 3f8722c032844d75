import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { dirname, join, resolve } from 'node:path';
import type { WaveConfig } from '../config';
import type { ServerTarget } from '../temporal/connection';
import { connectClient, connectWorker, resolveServerTarget } from '../temporal/connection';
import type { DevServer } from '../temporal/dev-server';
import { portOpen, startDevServer } from '../temporal/dev-server';
import { UserError } from '../temporal/story-client';
import { createWaveWorker } from '../temporal/worker-factory';

/** A connection to Temporal for one CLI command, with the embedded server and worker it may have started. */
export interface Session {
  client: Client;
  target: ServerTarget;
  taskQueue: string;
  /** The Web UI, when it is known (the embedded server's, or a local server's on the configured UI port). */
  uiUrl?: string;
  /** True when this command started the embedded dev server (it stops with the session). */
  startedServer: boolean;
  close(): Promise<void>;
}

/**
 * When the worker runs inside the CLI: `always` (a local `wave run` or `wave server`), `if-started` (the command
 * started the embedded server, so interrupted runs resume), `never`. Only local targets ever get one: a configured
 * server has its own workers.
 */
export type WorkerMode = 'always' | 'if-started' | 'never';

/**
 * Opens a session: the configured server (TEMPORAL_ADDRESS / profile), else a local server already listening on the
 * configured port, else the embedded dev server started now (SQLite in `.wave/`, Web UI on the configured port).
 */
export async function openSession(input: {
  config: WaveConfig;
  worker: WorkerMode;
  requireRunning?: boolean;
}): Promise<Session> {
  const { config } = input;
  const target = resolveServerTarget({ localPort: config.local.port });
  if (target.kind === 'configured') {
    const client = await connectOrExplain(target);
    return {
      client,
      target,
      taskQueue: config.taskQueue,
      startedServer: false,
      close: () => client.connection.close(),
    };
  }
  let server: DevServer | undefined;
  if (!(await portOpen(config.local.port))) {
    if (input.requireRunning) {
      throw new UserError(
        `no Temporal server at ${target.address}: start one with \`wave server\` (server and worker) or set TEMPORAL_ADDRESS`,
      );
    }
    server = await startEmbedded(config);
    console.error(
      `Started the embedded Temporal dev server on ${server.address} (runs kept in ${config.local.dbFile})`,
    );
    if (server.uiUrl) console.error(`Temporal Web UI: ${server.uiUrl}`);
  }
  const client = server ? server.client : await connectOrExplain(target);
  const uiUrl =
    server?.uiUrl ?? ((await portOpen(config.local.uiPort)) ? `http://localhost:${config.local.uiPort}` : undefined);
  const wantsWorker = input.worker === 'always' || (input.worker === 'if-started' && server !== undefined);
  const worker = wantsWorker ? await startWorker({ config, target, server }) : undefined;
  return {
    client,
    target,
    taskQueue: config.taskQueue,
    ...(uiUrl ? { uiUrl } : {}),
    startedServer: server !== undefined,
    close: async () => {
      await worker?.stop();
      if (server) await server.stop();
      else await client.connection.close();
    },
  };
}

async function startEmbedded(config: WaveConfig): Promise<DevServer> {
  try {
    const dbFile = resolve(config.local.dbFile);
    return await startDevServer({
      dbFile,
      port: config.local.port,
      uiPort: config.local.uiPort,
      logFile: join(dirname(dbFile), 'server.log'),
    });
  } catch (err) {
    throw new UserError(`could not start the embedded Temporal dev server: ${(err as Error).message}`);
  }
}

async function connectOrExplain(target: ServerTarget): Promise<Client> {
  try {
    return await connectClient(target);
  } catch (err) {
    throw new UserError(`cannot reach Temporal at ${target.address}: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function startWorker(input: { config: WaveConfig; target: ServerTarget; server: DevServer | undefined }) {
  const connection = input.server ? input.server.nativeConnection : await connectWorker(input.target);
  const worker: Worker = await createWaveWorker({
    connection,
    namespace: input.target.namespace,
    taskQueue: input.config.taskQueue,
    catalog: input.config.catalog,
    maxConcurrentActivities: input.config.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTasks: input.config.worker.maxConcurrentWorkflowTasks,
    shutdownGraceMs: input.config.worker.shutdownGraceMs,
  });
  const running = worker.run();
  return {
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      if (!input.server) await connection.close();
    },
  };
}
