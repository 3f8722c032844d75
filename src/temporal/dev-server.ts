import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_TYPE_NAME, WAVE_SEARCH_ATTRIBUTES } from '../workflow-safe/search-attributes';
import { resolveTemporalCli } from './cli-binary';
import { localServerTuningArgs } from './local-server-tuning';

/** Options of a local Temporal dev server. */
export interface DevServerOptions {
  /** SQLite file for persistence; in memory when absent. */
  dbFile?: string;
  /** Front-end gRPC port. @default a free port (tests), 7233 (embedded) */
  port?: number;
  /** Web UI port; the UI is off when absent. */
  uiPort?: number;
  /** Where the server's own output goes (the embedded server writes `server.log` beside its database). */
  logFile?: string;
  /** Namespace the clients use (created by the server when it is not `default`). @default "default" */
  namespace?: string;
  /** More `temporal server start-dev` flags (e.g. dynamic config). */
  extraArgs?: string[];
}

/** A running dev server with a client and a worker connection to it. */
export interface DevServer {
  address: string;
  uiUrl?: string;
  /** A client without payload encryption; build your own on `connection` to add a data converter. */
  client: Client;
  connection: Connection;
  nativeConnection: NativeConnection;
  stop(): Promise<void>;
  /** Process id of the server (embedded server only). */
  pid?: number;
  /** Stops only the server process, leaving clients and workers to reconnect (embedded server only). */
  stopProcess?(): Promise<void>;
}

/** `temporal server start-dev` flags that register WAVE's search attributes. */
export function searchAttributeArgs(
  keys: SearchAttributeKey<SearchAttributeType>[] = WAVE_SEARCH_ATTRIBUTES,
): string[] {
  return keys.flatMap((key) => ['--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPE_NAME[key.type]}`]);
}

/** The executable the SDK's test environment should start: the resolved CLI, or the SDK's own download. */
export function devServerExecutable(): EphemeralServerExecutable {
  const cli = resolveTemporalCli();
  return cli.source === 'sdk-download' ? { type: 'cached-download' } : { type: 'existing-path', path: cli.path };
}

/**
 * A throwaway server for tests and benchmarks, through the SDK's `TestWorkflowEnvironment.createLocal` on the
 * resolved CLI binary, with WAVE's search attributes registered.
 */
export async function startTestServer(options: Omit<DevServerOptions, 'logFile'> = {}): Promise<DevServer> {
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      ip: '127.0.0.1',
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
      ...(options.uiPort !== undefined ? { ui: true, uiPort: options.uiPort } : { ui: false }),
      searchAttributes: WAVE_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', 'error', ...localServerTuningArgs(), ...(options.extraArgs ?? [])],
    },
  });
  return {
    address: env.address,
    ...(options.uiPort !== undefined ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    client: env.client,
    connection: env.connection,
    nativeConnection: env.nativeConnection,
    stop: () => env.teardown(),
  };
}

/**
 * The embedded server of `npm start` / `wave server`: the `temporal` binary started as a child process (its output
 * goes to `logFile`, not to the terminal), on fixed ports, persisting to `dbFile`. Without a local binary it falls
 * back to the SDK's downloaded one.
 */
export async function startDevServer(options: DevServerOptions & { port: number }): Promise<DevServer> {
  const cli = resolveTemporalCli();
  if (cli.source === 'sdk-download') return startTestServer(options);
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    ...(options.uiPort !== undefined ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    '--log-level',
    'warn',
    ...(options.namespace && options.namespace !== 'default' ? ['--namespace', options.namespace] : []),
    ...searchAttributeArgs(),
    ...localServerTuningArgs(),
    ...(options.extraArgs ?? []),
  ];
  const output = options.logFile ? openSync(options.logFile, 'a') : 'ignore';
  // Its own process group: Ctrl-C in the terminal reaches the CLI, which drains its worker before stopping the server.
  const child = spawn(cli.path, args, { stdio: ['ignore', output, output], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitForPort({ child, port: options.port, timeoutMs: 60_000, logFile: options.logFile });
    const connection = await Connection.connect({ address });
    const nativeConnection = await NativeConnection.connect({ address });
    return {
      address,
      ...(options.uiPort !== undefined ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
      client: new Client({ connection, namespace: options.namespace ?? 'default' }),
      connection,
      nativeConnection,
      stop: async () => {
        await nativeConnection.close();
        await connection.close();
        await stopProcess(child);
        process.removeListener('exit', killOnExit);
      },
      stopProcess: () => stopProcess(child),
      ...(child.pid ? { pid: child.pid } : {}),
    };
  } catch (err) {
    await stopProcess(child);
    process.removeListener('exit', killOnExit);
    throw err;
  }
}

async function waitForPort(input: {
  child: ChildProcess;
  port: number;
  timeoutMs: number;
  logFile?: string | undefined;
}) {
  const deadline = Date.now() + input.timeoutMs;
  while (Date.now() < deadline) {
    if (input.child.exitCode !== null) {
      throw new Error(
        `the temporal dev server exited with code ${input.child.exitCode}${input.logFile ? ` (see ${input.logFile})` : ''}`,
      );
    }
    if (await portOpen(input.port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the temporal dev server did not open port ${input.port} within ${input.timeoutMs / 1000} s`);
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function portOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, '127.0.0.1');
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
