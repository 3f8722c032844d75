import { z } from 'zod';
import { CommandExecutorConfigSchema } from '../executors/command/config';
import { SupervisorConfigSchema } from '../executors/supervisor/config';
import type { Catalog } from '../model/catalog';
import { CatalogSchema } from '../model/catalog';
import { ObservabilityConfigSchema } from '../observability/config';
import type { CodecKey } from '../temporal/codec-keys';

/** The task queue shared by WAVE's workers and clients unless the configuration names another. */
export const DEFAULT_TASK_QUEUE = 'wave';

const Port = z.number().int().min(1).max(65535);

/** `wave.config.json`: the domain catalog, the supervisor, the task queue, the embedded server and worker tuning. */
export const WaveConfigSchema = z
  .object({
    /** The domain catalog (routing vocabulary, critical flags, weights, dependencies). @default the six built-in domains */
    catalog: CatalogSchema.optional(),
    /**
     * A command that routes stories instead of the built-in keyword router (docs/supervisor.md): it reads the story
     * and the catalog as JSON on stdin and prints the domains with reasons; when it fails, the built-in router routes
     * and the plan says why. @default none: the built-in router routes
     */
    supervisor: SupervisorConfigSchema.optional(),
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
    /** Executor settings; the `command` executor runs only where it is configured. */
    executors: z.object({ command: CommandExecutorConfigSchema.optional() }).strict().prefault({}),
    /** Worker tuning. */
    worker: z
      .object({
        /** Phases run at once by one worker. @default 100 */
        maxConcurrentActivities: z.number().int().min(1).max(10_000).default(100),
        /** Workflow tasks run at once by one worker. @default 40 */
        maxConcurrentWorkflowTasks: z.number().int().min(2).max(10_000).default(40),
        /** Domains (each with its worktree) one worker holds at once; more wait for a place on a host. @default 10 */
        maxWorktrees: z.number().int().min(1).max(10_000).default(10),
        /**
         * This worker's id as a host of domains (its own task queue is named after it); keep it stable across restarts
         * of the same host. @default the hostname and a hash of the working directory
         */
        hostId: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"')
          .optional(),
        /**
         * How long a workflow task waits for the worker that has the workflow cached before any worker takes it: after
         * a worker dies, its runs go on elsewhere this much later. @default 2000
         */
        stickyQueueTimeoutMs: z.number().int().min(500).max(60_000).default(2000),
        /** How often the worker measures its clone cache's disk use (`wave_worktree_disk_bytes`). @default 30000 */
        diskUseIntervalMs: z.number().int().min(1000).max(3_600_000).default(30_000),
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
