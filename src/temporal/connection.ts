import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ClientConnectConfig } from '@temporalio/envconfig';
import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError } from '../config-error';
import { DEFAULT_NAMESPACE } from '../shared/constants';

/** Which Temporal server to use: one configured by env/profile, or the embedded local default. */
export type ServerTarget =
  | { kind: 'configured'; address: string; namespace: string; connect: ClientConnectConfig }
  | { kind: 'local'; address: string; namespace: string };

/**
 * Reads `TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, TLS settings and `TEMPORAL_PROFILE` (with the
 * envconfig TOML file) the way every Temporal SDK and the CLI do. When nothing names a server, the target is the
 * embedded local dev server on `localPort`.
 */
export function resolveServerTarget(input: { env?: NodeJS.ProcessEnv; localPort: number }): ServerTarget {
  const env = input.env ?? process.env;
  let profile: ReturnType<typeof loadClientConfigProfile>;
  try {
    profile = loadClientConfigProfile({
      ...(env.TEMPORAL_PROFILE ? { profile: env.TEMPORAL_PROFILE } : {}),
      overrideEnvVars: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    });
  } catch (err) {
    throw new ConfigError(`Temporal connection settings: ${(err as Error).message}`);
  }
  if (profile.address) {
    const connect = toClientOptions(profile);
    return { kind: 'configured', address: profile.address, namespace: connect.namespace ?? DEFAULT_NAMESPACE, connect };
  }
  return { kind: 'local', address: `127.0.0.1:${input.localPort}`, namespace: profile.namespace ?? DEFAULT_NAMESPACE };
}

function connectionOptions(target: ServerTarget) {
  return target.kind === 'configured' ? target.connect.connectionOptions : { address: target.address };
}

/** A workflow client for the target (fails with a clear message when the server cannot be reached). */
export async function connectClient(target: ServerTarget, dataConverter?: DataConverter): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(target), connectTimeout: '5s' } as Parameters<
    typeof Connection.connect
  >[0]);
  return new Client({ connection, namespace: target.namespace, ...(dataConverter ? { dataConverter } : {}) });
}

/** A worker connection for the target. */
export async function connectWorker(target: ServerTarget): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(target));
}
