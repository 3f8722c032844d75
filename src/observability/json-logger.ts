import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { runIdentity } from '../workflow-safe/ids';

const LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Where log lines go (stderr by default; tests pass their own). */
export type LogSink = (line: string) => void;

/**
 * One JSON object per line: time, level, message, the SDK's metadata (workflow, activity, attempt…) and WAVE's
 * `storyId`, `domain` and `phase` wherever a line belongs to a run.
 */
export class JsonLogger implements Logger {
  private readonly threshold: number;

  constructor(
    level: LogLevel = 'INFO',
    private readonly sink: LogSink = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.threshold = LEVELS.indexOf(level);
  }

  log(level: LogLevel, message: string, meta: LogMetadata = {}): void {
    if (LEVELS.indexOf(level) < this.threshold) return;
    const { timestampNanos, ...rest } = meta as LogMetadata & { timestampNanos?: bigint };
    const time = timestampNanos !== undefined ? new Date(Number(timestampNanos / 1_000_000n)) : new Date();
    const identity = typeof rest.workflowId === 'string' ? runIdentity(rest.workflowId) : undefined;
    const line = { time: time.toISOString(), level: level.toLowerCase(), msg: message, ...identity, ...rest };
    this.sink(JSON.stringify(line, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
