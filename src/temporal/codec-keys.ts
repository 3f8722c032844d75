import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../model/user-errors';

/** One AES-256 key and the id written beside every payload it encrypts. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

const KeyLine = z.string().regex(/^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]+$/, 'must look like <key-id>:<base64 key>');

/**
 * Reads the payload encryption keys once at the edge: `WAVE_CODEC_KEYS` ("id:base64,id:base64") or the file named by
 * `WAVE_CODEC_KEY_FILE` (one "id:base64" per line). The first key encrypts; every key decrypts, so old keys keep
 * old histories readable after a rotation. No variable → no encryption (undefined).
 */
export function loadCodecKeys(env: NodeJS.ProcessEnv = process.env): CodecKey[] | undefined {
  const source = env.WAVE_CODEC_KEYS
    ? { text: env.WAVE_CODEC_KEYS, name: 'WAVE_CODEC_KEYS' }
    : env.WAVE_CODEC_KEY_FILE
      ? { text: readKeyFile(env.WAVE_CODEC_KEY_FILE), name: `WAVE_CODEC_KEY_FILE (${env.WAVE_CODEC_KEY_FILE})` }
      : undefined;
  if (!source) return undefined;
  const entries = source.text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry && !entry.startsWith('#'));
  if (entries.length === 0) throw new ConfigError(`${source.name}: no key`);
  const keys = entries.map((entry, index) => parseKey({ entry, where: `${source.name} entry ${index + 1}` }));
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new ConfigError(`${source.name}: key id "${repeated}" appears twice`);
  return keys;
}

function readKeyFile(path: string): string {
  if (!existsSync(path)) throw new ConfigError(`WAVE_CODEC_KEY_FILE: ${path} does not exist`);
  return readFileSync(path, 'utf8');
}

// Messages never repeat the key material itself.
function parseKey(input: { entry: string; where: string }): CodecKey {
  if (!KeyLine.safeParse(input.entry).success)
    throw new ConfigError(`${input.where}: must look like <key-id>:<base64 key>`);
  const separator = input.entry.indexOf(':');
  const id = input.entry.slice(0, separator);
  const key = Buffer.from(input.entry.slice(separator + 1), 'base64');
  if (key.length !== 32)
    throw new ConfigError(`${input.where} (key id "${id}"): an AES-256 key has 32 bytes, this one ${key.length}`);
  return { id, key };
}
