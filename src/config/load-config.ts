import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../model/user-errors';
import { CommandExecutorConfigSchema } from '../executors/command/config';
import { ObservabilityConfigSchema, observabilityFromEnv } from '../observability/config';
import type { CodecKey } from '../temporal/codec-keys';
import { loadCodecKeys } from '../temporal/codec-keys';
import { CatalogSchema, DEFAULT_CATALOG } from '../model/catalog';
import type { Catalog } from '../model/catalog';
import { DEFAULT_TASK_QUEUE } from './defaults';
import { describeZodError } from '../model/validation';

/** The file read when `WAVE_CONFIG` is not set. */
export const DEFAULT_CONFIG_FILE = 'wave.config.json';

const Port = z.number().int().min(1).max(65535);

/** `wave.config.json`: the domain catalog, the task queue, the embedded server and worker tuning. */
export const WaveConfigSchema = z
  .object({
    /** The domain catalog (routing vocabulary, critical flags, weights, dependencies). @default the six built-in domains */
    catalog: CatalogSchema.optional(),
    /** Task queue of workers and clients. @default "wave" */
    taskQueue: z.string().min(1).max(200).default(DEFAULT_TASK_QUEUE),
    /** The embedded local dev server, used when no Temporal server is configured. */
    local: z
      .object({
        /** gRPC port. @default 7233 */
        port: Port.default(7233),
        /** Web UI port. @default 8233 */
        uiPort: Port.default(8233),
        /** SQLite file that keeps runs across restarts. @default ".wave/temporal.db" */
        dbFile: z.string().min(1).default('.wave/temporal.db'),
      })
      .strict()
      .prefault({}),
    /** Where workers store reports too large to travel through workflow history. @default ".wave/reports" */
    reportsDir: z.string().min(1).default('.wave/reports'),
    /** Executor settings; the `command` executor runs only where it is configured. */
    executors: z.object({ command: CommandExecutorConfigSchema.optional() }).strict().prefault({}),
    /** Worker tuning. */
    worker: z
      .object({
        /** Phases run at once by one worker. @default 100 */
        maxConcurrentActivities: z.number().int().min(1).max(10_000).default(100),
        /** Workflow tasks run at once by one worker. @default 40 */
        maxConcurrentWorkflowTasks: z.number().int().min(2).max(10_000).default(40),
        /** How long a stopping worker lets running phases finish. @default 10000 */
        shutdownGraceMs: z.number().int().min(0).max(3_600_000).default(10_000),
      })
      .strict()
      .prefault({}),
    /** Metrics endpoint, log format and level, tracing. */
    observability: ObservabilityConfigSchema.prefault({}),
  })
  .strict();

/** Validated configuration with the catalog resolved. */
export type WaveConfig = Omit<z.infer<typeof WaveConfigSchema>, 'catalog'> & {
  catalog: Catalog;
  /** The file the configuration came from. */
  source?: string;
  /** Folder relative paths in the configuration are resolved against (the file's folder, else the working directory). */
  baseDir: string;
  /** Payload encryption keys (`WAVE_CODEC_KEYS` / `WAVE_CODEC_KEY_FILE`); no encryption when absent. */
  codecKeys?: CodecKey[];
};

export { ConfigError };

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
 * directory if present, else defaults. `WAVE_TASK_QUEUE` overrides the task queue; `WAVE_METRICS_ADDRESS`,
 * `WAVE_LOG_FORMAT`, `WAVE_LOG_LEVEL` and `WAVE_TRACING` override `observability`.
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
  const overrides = observabilityFromEnv(env);
  if (Object.keys(overrides).length > 0 && typeof data === 'object' && data !== null) {
    const fromFile = (data as { observability?: object }).observability;
    data = { ...data, observability: { ...(typeof fromFile === 'object' ? fromFile : {}), ...overrides } };
  }
  const config = parseConfig({ data, ...(source ? { source } : {}), baseDir: source ? dirname(source) : cwd });
  const codecKeys = loadCodecKeys(env);
  return {
    ...config,
    ...(env.WAVE_TASK_QUEUE ? { taskQueue: env.WAVE_TASK_QUEUE } : {}),
    ...(codecKeys ? { codecKeys } : {}),
  };
}
