import type { LogLevel, Logger } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { ObservabilityConfig } from './config';
import { JsonLogger } from './json-logger';

/** The process-wide Temporal runtime settings of a WAVE process (worker or CLI). */
export interface RuntimeSettings {
  observability: ObservabilityConfig;
  /** Signals the SDK handles by shutting workers down (the CLI handles them itself). */
  shutdownSignals?: NodeJS.Signals[];
  /** Level when the configuration names none. */
  defaultLevel?: LogLevel;
}

export function createLogger(input: { format: ObservabilityConfig['logFormat']; level: LogLevel }): Logger {
  return input.format === 'json' ? new JsonLogger(input.level) : new DefaultLogger(input.level);
}

/**
 * Installs the Temporal runtime once per process: the logger (text or JSON lines) and, when an address is configured,
 * the Prometheus endpoint that serves the SDK's metrics and WAVE's own (`wave_*`) on `/metrics`.
 */
export function installRuntime(settings: RuntimeSettings): Runtime {
  const { observability } = settings;
  const level = observability.logLevel ?? settings.defaultLevel ?? 'INFO';
  return Runtime.install({
    logger: createLogger({ format: observability.logFormat, level }),
    ...(observability.metricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: observability.metricsAddress } } } }
      : {}),
    ...(settings.shutdownSignals ? { shutdownSignals: settings.shutdownSignals } : {}),
  });
}
