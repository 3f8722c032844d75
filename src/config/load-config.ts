import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../model/user-errors';
import { describeZodError } from '../model/validation';
import { observabilityFromEnv } from '../observability/config';
import { DEFAULT_CATALOG } from '../planning/default-catalog';
import { loadCodecKeys } from '../temporal/codec-keys';
import type { WaveConfig } from './wave-config';
import { WaveConfigSchema } from './wave-config';

/** The file read when `WAVE_CONFIG` is not set. */
export const DEFAULT_CONFIG_FILE = 'wave.config.json';

/** Parses a configuration object (already read from somewhere) and fills in defaults. */
export function parseConfig(input: { data: unknown; source?: string; baseDir?: string }): WaveConfig {
  const parsed = WaveConfigSchema.safeParse(input.data);
  if (!parsed.success) {
    throw new ConfigError(`${input.source ?? 'config'}: ${describeZodError(parsed.error, 'config')}`);
  }
  return {
    ...parsed.data,
    catalog: parsed.data.catalog ?? DEFAULT_CATALOG,
    ...(input.source ? { source: input.source } : {}),
    baseDir: input.baseDir ?? (input.source ? dirname(input.source) : process.cwd()),
  };
}

/**
 * Loads the configuration once at the edge: `WAVE_CONFIG` (must exist), else `wave.config.json` in the working
 * directory if present, else defaults. `WAVE_TASK_QUEUE` overrides the task queue; `WAVE_HOST_ID` sets
 * `worker.hostId`; `WAVE_METRICS_ADDRESS`, `WAVE_LOG_FORMAT`, `WAVE_LOG_LEVEL` and `WAVE_TRACING` override
 * `observability`. Overrides are validated with the file.
 */
export function loadConfig(input: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): WaveConfig {
  const env = input.env ?? process.env;
  const cwd = input.cwd ?? process.cwd();
  const explicit = env.WAVE_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, DEFAULT_CONFIG_FILE);
  let data: unknown = {};
  let source: string | undefined;
  if (existsSync(path)) {
    source = path;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new ConfigError(`${path}: not valid JSON (${(err as Error).message})`);
    }
  } else if (explicit) {
    throw new ConfigError(`WAVE_CONFIG=${explicit}: no such file`);
  }
  data = withSection({ data, section: 'observability', overrides: observabilityFromEnv(env) });
  data = withSection({ data, section: 'worker', overrides: env.WAVE_HOST_ID ? { hostId: env.WAVE_HOST_ID } : {} });
  const config = parseConfig({ data, ...(source ? { source } : {}), baseDir: source ? dirname(source) : cwd });
  const codecKeys = loadCodecKeys(env);
  return {
    ...config,
    ...(env.WAVE_TASK_QUEUE ? { taskQueue: env.WAVE_TASK_QUEUE } : {}),
    ...(codecKeys ? { codecKeys } : {}),
  };
}

/** The configuration data with environment overrides laid over one of its sections. */
function withSection(input: { data: unknown; section: string; overrides: Record<string, string> }): unknown {
  const { data } = input;
  if (Object.keys(input.overrides).length === 0 || typeof data !== 'object' || data === null) return data;
  const fromFile = (data as Record<string, unknown>)[input.section];
  return { ...data, [input.section]: { ...(typeof fromFile === 'object' ? fromFile : {}), ...input.overrides } };
}
