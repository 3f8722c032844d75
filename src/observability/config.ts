import { z } from 'zod';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** `observability` in wave.config.json (environment variables override it, see {@link observabilityFromEnv}). */
export const ObservabilityConfigSchema = z
  .object({
    /** `host:port` of the Prometheus endpoint (`/metrics`); no endpoint when absent. Env: `WAVE_METRICS_ADDRESS`. */
    metricsAddress: z
      .string()
      .regex(/^[^\s:]*:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464')
      .optional(),
    /** `text` (default) or `json`: one JSON object per line. Env: `WAVE_LOG_FORMAT`. */
    logFormat: z.enum(['text', 'json']).default('text'),
    /** Log level. Env: `WAVE_LOG_LEVEL`. @default INFO for workers, WARN for the CLI */
    logLevel: z.enum(LOG_LEVELS).optional(),
    /** OpenTelemetry tracing through the SDK's plugin: `otlp` (to `OTEL_EXPORTER_OTLP_ENDPOINT`) or `console`. */
    tracing: z.enum(['off', 'otlp', 'console']).default('off'),
  })
  .strict();
export type ObservabilityConfig = z.infer<typeof ObservabilityConfigSchema>;

/** The environment's overrides, as config fields (validated with the rest of the configuration). */
export function observabilityFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const pairs: [string, string | undefined][] = [
    ['metricsAddress', env.WAVE_METRICS_ADDRESS],
    ['logFormat', env.WAVE_LOG_FORMAT],
    ['logLevel', env.WAVE_LOG_LEVEL?.toUpperCase()],
    ['tracing', env.WAVE_TRACING],
  ];
  return Object.fromEntries(pairs.filter((pair): pair is [string, string] => Boolean(pair[1])));
}
