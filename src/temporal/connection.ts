import { existsSync } from 'node:fs';
import type { ClientPlugin } from '@temporalio/client';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ClientConnectConfig } from '@temporalio/envconfig';
import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError } from '../model/user-errors';

/** The namespace used when none is configured. */
export const DEFAULT_NAMESPACE = 'default';

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
  // envconfig silently skips a config file that does not exist; one named explicitly must exist.
  const file = env.TEMPORAL_CONFIG_FILE;
  if (file && !existsSync(file)) throw new ConfigError(`TEMPORAL_CONFIG_FILE=${file}: no such file`);
  // An empty variable counts as unset (`TEMPORAL_API_KEY=` would otherwise send an empty key and turn TLS on); only
  // an empty TEMPORAL_GRPC_META_* keeps its envconfig meaning (remove that header).
  const vars = Object.entries(env).filter(
    (e): e is [string, string] => e[1] !== undefined && (e[1] !== '' || e[0].startsWith('TEMPORAL_GRPC_META_')),
  );
  let profile: ReturnType<typeof loadClientConfigProfile>;
  let connect: ClientConnectConfig;
  try {
    profile = loadClientConfigProfile({
      ...(env.TEMPORAL_PROFILE ? { profile: env.TEMPORAL_PROFILE } : {}),
      overrideEnvVars: Object.fromEntries(vars),
    });
    // Reads the TLS certificate and key files now, so a missing one is a configuration error, not a connect failure.
    connect = toClientOptions(profile);
  } catch (err) {
    throw new ConfigError(`Temporal connection settings: ${describeSettingsError(err, file)}`);
  }
  if (profile.address) {
    return { kind: 'configured', address: profile.address, namespace: connect.namespace ?? DEFAULT_NAMESPACE, connect };
  }
  if (profile.apiKey !== undefined || (profile.tls && !profile.tls.disabled)) {
    // Without this, an API key or certificate meant for a remote server would silently run everything locally.
    throw new ConfigError(
      "Temporal connection settings: an API key or TLS settings are given but no server address (set TEMPORAL_ADDRESS or the profile's address)",
    );
  }
  return { kind: 'local', address: `127.0.0.1:${input.localPort}`, namespace: profile.namespace ?? DEFAULT_NAMESPACE };
}

/** One line: TOML syntax errors carry a multi-line code excerpt; keep the message, the file and the position. */
function describeSettingsError(err: unknown, file: string | undefined): string {
  // Not `instanceof Error`: errors from Node's fs may come from another realm (as under jest).
  const { message, line, column, codeblock } = (err ?? {}) as Record<string, unknown>;
  if (typeof message !== 'string') return String(err);
  const first = message.split('\n')[0] ?? '';
  if (typeof codeblock === 'string' && typeof line === 'number') {
    return `${file ?? 'the Temporal config file'}: ${first} (line ${line}, column ${String(column)})`;
  }
  return first;
}

function connectionOptions(target: ServerTarget) {
  return target.kind === 'configured' ? target.connect.connectionOptions : { address: target.address };
}

/**
 * A workflow client for the target (fails with a clear message when the server cannot be reached); `plugins` such as
 * the tracing plugin apply to this client only.
 */
export async function connectClient(
  target: ServerTarget,
  dataConverter?: DataConverter,
  plugins: ClientPlugin[] = [],
): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(target), connectTimeout: '5s' } as Parameters<
    typeof Connection.connect
  >[0]);
  return new Client({ connection, namespace: target.namespace, ...(dataConverter ? { dataConverter } : {}), plugins });
}

/** A worker connection for the target. */
export async function connectWorker(target: ServerTarget): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(target));
}
