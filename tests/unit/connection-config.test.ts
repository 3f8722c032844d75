import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/model/user-errors';
import type { ServerTarget } from '../../src/temporal/connection';
import { resolveServerTarget } from '../../src/temporal/connection';

// Env var names and TOML keys as @temporalio/envconfig 1.24 reads them (src/envconfig-toml.ts).
const LOCAL_PORT = 7299;
const dir = mkdtempSync(join(tmpdir(), 'wave-connection-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const CERT = file('client.pem', '-----BEGIN CERTIFICATE-----\nclient-cert\n-----END CERTIFICATE-----\n');
const KEY = file('client.key', '-----BEGIN PRIVATE KEY-----\nclient-key\n-----END PRIVATE KEY-----\n');
const CA = file('ca.pem', '-----BEGIN CERTIFICATE-----\nserver-ca\n-----END CERTIFICATE-----\n');
const TOML = file(
  'temporal.toml',
  `
[profile.cloud]
address = "wave-prod.a1b2c.tmprl.cloud:7233"
namespace = "wave-prod.a1b2c"
api_key = "profile-api-key"

[profile.mtls]
address = "temporal.internal:7233"
namespace = "wave"
[profile.mtls.tls]
client_cert_path = "${CERT}"
client_key_path = "${KEY}"
server_ca_cert_path = "${CA}"
server_name = "temporal.internal"

[profile.plain]
address = "temporal.internal:7233"
namespace = "plain-ns"
[profile.plain.tls]
disabled = true

[profile.missing-cert]
address = "temporal.internal:7233"
[profile.missing-cert.tls]
client_cert_path = "${join(dir, 'nope.pem')}"
client_key_path = "${KEY}"
`,
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves with only the given variables (no HOME, so no default ~/.config/temporalio/temporal.toml either). */
const resolve = (env: Record<string, string>) => resolveServerTarget({ env, localPort: LOCAL_PORT });

function configured(target: ServerTarget) {
  if (target.kind !== 'configured') throw new Error(`expected a configured target, got ${JSON.stringify(target)}`);
  return { ...target, options: target.connect.connectionOptions };
}

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** The ConfigError `resolve` throws: one line, the variable, file or profile named. */
function configError(env: Record<string, string>): ConfigError {
  try {
    resolve(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('\n');
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveServerTarget', () => {
  test('nothing set: the local server on 127.0.0.1:<localPort>, namespace default', () => {
    expect(resolve({})).toEqual({ kind: 'local', address: `127.0.0.1:${LOCAL_PORT}`, namespace: 'default' });
    // A config file whose profiles are all named (no [profile.default]) selects nothing either.
    expect(resolve({ TEMPORAL_CONFIG_FILE: TOML })).toEqual({
      kind: 'local',
      address: `127.0.0.1:${LOCAL_PORT}`,
      namespace: 'default',
    });
    // TEMPORAL_NAMESPACE alone names the namespace on the local server.
    expect(resolve({ TEMPORAL_NAMESPACE: 'team-a' })).toMatchObject({ kind: 'local', namespace: 'team-a' });
  });

  test('TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE: that server and namespace, no TLS', () => {
    const target = configured(resolve({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_NAMESPACE: 'wave' }));
    expect(target.address).toBe('temporal.example:7233');
    expect(target.namespace).toBe('wave');
    expect(target.options.address).toBe('temporal.example:7233');
    expect(target.options.tls).toBeUndefined();
    expect(target.options.apiKey).toBeUndefined();
    // The namespace defaults to "default" when only the address is set.
    expect(configured(resolve({ TEMPORAL_ADDRESS: 'temporal.example:7233' })).namespace).toBe('default');
  });

  test('TEMPORAL_API_KEY: the key is sent and TLS is on (as Temporal Cloud needs); TEMPORAL_TLS=false turns TLS off', () => {
    const cloud = { TEMPORAL_ADDRESS: 'wave.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'wave.a1b2c' };
    const target = configured(resolve({ ...cloud, TEMPORAL_API_KEY: 'secret-key' }));
    expect(target.options.apiKey).toBe('secret-key');
    expect(target.options.tls).toBe(true);
    expect(target.namespace).toBe('wave.a1b2c');
    expect(configured(resolve({ ...cloud, TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).options.tls).toBe(false);
  });

  test('an empty variable counts as unset (an empty TEMPORAL_API_KEY sends no key and does not turn TLS on)', () => {
    const target = configured(resolve({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_API_KEY: '' }));
    expect(target.options.apiKey).toBeUndefined();
    expect(target.options.tls).toBeUndefined();
    // An empty TEMPORAL_ADDRESS keeps the profile's address.
    const cloud = configured(resolve({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'cloud', TEMPORAL_ADDRESS: '' }));
    expect(cloud.address).toBe('wave-prod.a1b2c.tmprl.cloud:7233');
  });

  test('mTLS variables: the client certificate and key, server CA and server name reach the connection options', () => {
    const target = configured(
      resolve({
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_TLS_CLIENT_CERT_PATH: CERT,
        TEMPORAL_TLS_CLIENT_KEY_PATH: KEY,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: CA,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    const tls = target.options.tls;
    if (typeof tls !== 'object' || tls === null) throw new Error('expected a TLS config');
    expect(text(tls.clientCertPair?.crt)).toContain('client-cert');
    expect(text(tls.clientCertPair?.key)).toContain('client-key');
    expect(text(tls.serverRootCACertificate)).toContain('server-ca');
    expect(tls.serverNameOverride).toBe('temporal.internal');
    expect(target.options.apiKey).toBeUndefined();
  });

  test('TEMPORAL_TLS=true alone turns on TLS with the system roots', () => {
    const target = configured(resolve({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_TLS: 'true' }));
    expect(target.options.tls).toEqual({});
  });

  test('TEMPORAL_PROFILE selects a profile of the TOML file: address, namespace, API key, TLS', () => {
    const cloud = configured(resolve({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'cloud' }));
    expect(cloud.address).toBe('wave-prod.a1b2c.tmprl.cloud:7233');
    expect(cloud.namespace).toBe('wave-prod.a1b2c');
    expect(cloud.options.apiKey).toBe('profile-api-key');
    expect(cloud.options.tls).toBe(true);

    const mtls = configured(resolve({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'mtls' }));
    expect(mtls.address).toBe('temporal.internal:7233');
    expect(mtls.namespace).toBe('wave');
    const tls = mtls.options.tls;
    if (typeof tls !== 'object' || tls === null) throw new Error('expected a TLS config');
    expect(text(tls.clientCertPair?.crt)).toContain('client-cert');
    expect(text(tls.clientCertPair?.key)).toContain('client-key');
    expect(text(tls.serverRootCACertificate)).toContain('server-ca');
    expect(tls.serverNameOverride).toBe('temporal.internal');

    const plain = configured(resolve({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'plain' }));
    expect(plain.namespace).toBe('plain-ns');
    expect(plain.options.tls).toBe(false);
  });

  test('a [profile.default] is used without TEMPORAL_PROFILE', () => {
    const path = file('default.toml', '[profile.default]\naddress = "default-host:7233"\nnamespace = "dflt"\n');
    const target = configured(resolve({ TEMPORAL_CONFIG_FILE: path }));
    expect(target.address).toBe('default-host:7233');
    expect(target.namespace).toBe('dflt');
  });

  test('environment variables override the profile field by field', () => {
    const target = configured(
      resolve({
        TEMPORAL_CONFIG_FILE: TOML,
        TEMPORAL_PROFILE: 'cloud',
        TEMPORAL_NAMESPACE: 'wave-staging.a1b2c',
        TEMPORAL_API_KEY: 'env-api-key',
      }),
    );
    expect(target.address).toBe('wave-prod.a1b2c.tmprl.cloud:7233'); // from the profile
    expect(target.namespace).toBe('wave-staging.a1b2c');
    expect(target.options.apiKey).toBe('env-api-key');
    expect(target.options.tls).toBe(true);

    const moved = configured(
      resolve({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'mtls', TEMPORAL_ADDRESS: 'other.internal:7233' }),
    );
    expect(moved.address).toBe('other.internal:7233');
    expect(moved.options.address).toBe('other.internal:7233');
    expect(moved.namespace).toBe('wave'); // kept from the profile
    expect(typeof moved.options.tls).toBe('object'); // the profile's mTLS is kept
  });

  describe('unusable settings are a one-line ConfigError', () => {
    test('an unknown profile', () => {
      expect(configError({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'nope' }).message).toBe(
        "Temporal connection settings: Profile 'nope' not found in config data",
      );
    });

    test('a config file that does not exist', () => {
      const missing = join(dir, 'missing.toml');
      expect(configError({ TEMPORAL_CONFIG_FILE: missing }).message).toBe(
        `TEMPORAL_CONFIG_FILE=${missing}: no such file`,
      );
    });

    test('a config file that cannot be read', () => {
      const folder = join(dir, 'a-folder.toml');
      mkdirSync(folder, { recursive: true });
      expect(configError({ TEMPORAL_CONFIG_FILE: folder }).message).toMatch(
        /^Temporal connection settings: EISDIR: illegal operation on a directory/,
      );
    });

    test('malformed TOML: the file, the parser message and the position', () => {
      const broken = file('broken.toml', '[profile.x]\naddress = "a:1"\nnamespace = [ oops\n');
      expect(configError({ TEMPORAL_CONFIG_FILE: broken, TEMPORAL_PROFILE: 'x' }).message).toMatch(
        new RegExp(`^Temporal connection settings: ${broken}: Invalid TOML document: .+ \\(line 3, column \\d+\\)$`),
      );
    });

    test('a TLS certificate path that does not exist (variable or profile)', () => {
      const missing = join(dir, 'nope.pem');
      const fromEnv = configError({
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_TLS_CLIENT_CERT_PATH: missing,
        TEMPORAL_TLS_CLIENT_KEY_PATH: KEY,
      });
      expect(fromEnv.message).toBe(
        `Temporal connection settings: ENOENT: no such file or directory, open '${missing}'`,
      );
      expect(configError({ TEMPORAL_CONFIG_FILE: TOML, TEMPORAL_PROFILE: 'missing-cert' }).message).toContain(missing);
    });

    test('an API key or TLS settings without a server address', () => {
      expect(configError({ TEMPORAL_API_KEY: 'k' }).message).toMatch(/no server address \(set TEMPORAL_ADDRESS/);
      expect(configError({ TEMPORAL_TLS_CLIENT_CERT_PATH: CERT, TEMPORAL_TLS_CLIENT_KEY_PATH: KEY }).message).toMatch(
        /no server address/,
      );
      // TLS explicitly off is not a reason to refuse the local server.
      expect(resolve({ TEMPORAL_TLS: 'false' })).toMatchObject({ kind: 'local' });
    });
  });
});
