import { dirname, join, resolve } from 'node:path';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { WaveConfig } from '../config/wave-config';
import { workerOptionsFromConfig } from '../config/worker-options';
import { UserError } from '../model/user-errors';
import { shutdownTracing, tracingPlugin } from '../observability/tracing';
import { dataConverterFor } from '../temporal/codec';
import type { ServerTarget } from '../temporal/connection';
import { connectClient, connectWorker, resolveServerTarget } from '../temporal/connection';
import type { DevServer } from '../temporal/dev-server';
import { portOpen, startDevServer } from '../temporal/dev-server';
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
  /** Rejects if the worker inside this command stops on its own (a fatal worker error); pending otherwise. */
  workerFailure: Promise<never>;
  close(): Promise<void>;
}

/**
 * Whether this command runs a worker: `always` (`wave server`, any server), `local` (`wave run` against a local
 * server: a configured server has its own workers), `if-started` (the command started the embedded server, so
 * interrupted runs resume and queries are answered), `never`.
 */
export type WorkerMode = 'always' | 'local' | 'if-started' | 'never';

interface RunningWorker {
  failure: Promise<never>;
  stop(): Promise<void>;
}

const NEVER: Promise<never> = new Promise(() => undefined);

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
  let server: DevServer | undefined;
  if (target.kind === 'local' && !(await portOpen(config.local.port))) {
    if (input.requireRunning) {
      throw new UserError(
        `no Temporal server at ${target.address}: start one with \`wave server\` (server and worker) or set TEMPORAL_ADDRESS`,
      );
    }
    server = await startEmbedded({ config, namespace: target.namespace });
    console.error(
      `Started the embedded Temporal dev server on ${server.address} (runs kept in ${config.local.dbFile})`,
    );
    if (server.uiUrl) console.error(`Temporal Web UI: ${server.uiUrl}`);
  }
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    if (server) cleanups.push(server.stop);
    // One plugin for this command's client and worker: `wave run`'s start span is the parent of the run's spans.
    const tracing = tracingPlugin({ mode: config.observability.tracing, serviceName: 'wave-cli' });
    cleanups.push(() => shutdownTracing(tracing)); // runs last: after the worker stopped
    const plugins = tracing ? [tracing] : [];
    const dataConverter = dataConverterFor(config.codecKeys);
    const client = server
      ? new Client({
          connection: server.connection,
          namespace: target.namespace,
          ...(dataConverter ? { dataConverter } : {}),
          plugins,
        })
      : await connectOrExplain(target, dataConverter, plugins);
    if (!server) cleanups.push(() => client.connection.close());
    const wanted =
      input.worker === 'always' ||
      (input.worker === 'local' && target.kind === 'local') ||
      (input.worker === 'if-started' && server !== undefined);
    const worker = wanted ? await startWorker({ config, target, server, tracing }) : undefined;
    if (worker) cleanups.push(worker.stop);
    const uiUrl =
      server?.uiUrl ??
      (target.kind === 'local' && (await portOpen(config.local.uiPort))
        ? `http://localhost:${config.local.uiPort}`
        : undefined);
    return {
      client,
      target,
      taskQueue: config.taskQueue,
      ...(uiUrl ? { uiUrl } : {}),
      startedServer: server !== undefined,
      workerFailure: worker?.failure ?? NEVER,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function startEmbedded(input: { config: WaveConfig; namespace: string }): Promise<DevServer> {
  const { local } = input.config;
  try {
    const dbFile = resolve(local.dbFile);
    return await startDevServer({
      dbFile,
      port: local.port,
      uiPort: local.uiPort,
      namespace: input.namespace,
      logFile: join(dirname(dbFile), 'server.log'),
    });
  } catch (err) {
    throw new UserError(`could not start the embedded Temporal dev server: ${(err as Error).message}`);
  }
}

async function connectOrExplain(
  target: ServerTarget,
  dataConverter: DataConverter | undefined,
  plugins: OpenTelemetryPlugin[],
): Promise<Client> {
  try {
    return await connectClient(target, dataConverter, plugins);
  } catch (err) {
    throw new UserError(`cannot reach Temporal at ${target.address}: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function startWorker(input: {
  config: WaveConfig;
  target: ServerTarget;
  server: DevServer | undefined;
  tracing: OpenTelemetryPlugin | undefined;
}): Promise<RunningWorker> {
  const connection = input.server ? input.server.nativeConnection : await connectWorker(input.target);
  const worker = await createWaveWorker({
    connection,
    namespace: input.target.namespace,
    ...workerOptionsFromConfig(input.config),
    ...(input.tracing ? { tracing: input.tracing } : {}),
  });
  const running = worker.run();
  let stopping = false;
  const failure = running.then(
    () => (stopping ? NEVER : Promise.reject(new Error('the worker stopped unexpectedly'))),
    (err: unknown) =>
      Promise.reject(new Error(`the worker failed: ${err instanceof Error ? err.message : String(err)}`)),
  );
  failure.catch(() => undefined); // observed by whoever waits on it; never an unhandled rejection
  return {
    failure,
    stop: async () => {
      stopping = true;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      if (!input.server) await connection.close();
    },
  };
}
