import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WAVE_SEARCH_ATTRIBUTES } from '../shared/search-attributes';
import { resolveTemporalCli } from './cli-binary';

/** Options of the embedded local Temporal dev server. */
export interface DevServerOptions {
  /** SQLite file for persistence; in memory when absent. */
  dbFile?: string;
  /** Front-end gRPC port. @default a free port */
  port?: number;
  /** Web UI port; the UI is off when absent. */
  uiPort?: number;
  /** Server log level. @default 'warn' */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** A running dev server with a client and a worker connection to it. */
export interface DevServer {
  env: TestWorkflowEnvironment;
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** The executable the SDK should start: the resolved CLI, or the SDK's own download as the last resort. */
export function devServerExecutable(): EphemeralServerExecutable {
  const cli = resolveTemporalCli();
  return cli.source === 'sdk-download' ? { type: 'cached-download' } : { type: 'existing-path', path: cli.path };
}

/** Starts a local Temporal dev server with WAVE's search attributes registered. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      ip: '127.0.0.1',
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
      ...(options.uiPort !== undefined ? { ui: true, uiPort: options.uiPort } : { ui: false }),
      searchAttributes: WAVE_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', options.logLevel ?? 'error'],
    },
  });
  return {
    env,
    address: env.address,
    ...(options.uiPort !== undefined ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    stop: () => env.teardown(),
  };
}
