import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

/** What a finished (or stopped) command left behind. */
export interface ProcessOutcome {
  exitCode: number | null;
  /** Why the command was stopped early, if it was. */
  stoppedBy?: 'timeout' | 'cancelled' | 'budget';
  /** The last lines of stdout and stderr, interleaved. */
  tail: string;
  /** The last line the command wrote on stderr that says something (Node.js's version trailer is skipped). */
  lastError?: string;
}

/** How to run one command. */
export interface ProcessSpec {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Aborting stops the command (cancellation, worker shutdown). */
  signal: AbortSignal;
  /** Aborting stops the command as over its budget (`stoppedBy: 'budget'`). */
  budgetSignal?: AbortSignal;
  /** Called for every stdout line; return `'stop'` to stop the command (e.g. budget exhausted). */
  onStdoutLine?: (line: string) => void | 'stop';
  /** Called about every `heartbeatMs` with the output tail while the command runs. */
  onHeartbeat?: (tail: string) => void;
  heartbeatMs?: number;
  /** Called once the command started, with its process id (= its process group id). */
  onSpawn?: (pid: number) => void;
  /** Grace between SIGTERM and SIGKILL for the process group. @default 2000 */
  killGraceMs?: number;
  /** Lines kept for the tail. @default 40 */
  tailLines?: number;
  /** Applied to every output line before anything else sees it (hides secrets). */
  redact?: (line: string) => string;
  /** Written to the command's stdin, which is then closed; without it stdin is empty. */
  stdin?: string;
}

/** The command could not be started at all (not found, not executable). */
export class SpawnError extends Error {
  override readonly name = 'SpawnError';
}

/**
 * Runs a command without a shell (argv, never a command string) in its own process group, so that a timeout,
 * cancellation or a budget stop kills it and every child it started.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  const [file, ...args] = spec.argv;
  if (!file) return Promise.reject(new SpawnError('empty command'));
  const tail: string[] = [];
  const keep = spec.tailLines ?? 40;
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > keep) tail.shift();
  };
  return new Promise((resolve, reject) => {
    let stoppedBy: ProcessOutcome['stoppedBy'];
    const child = spawn(file, args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A command that exits without reading its input closes the pipe under us (EPIPE): its exit code tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(spec.stdin ?? '');
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (reason: NonNullable<ProcessOutcome['stoppedBy']>) => {
      if (stoppedBy) return;
      stoppedBy = reason;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), spec.killGraceMs ?? 2000);
    };
    if (child.pid) spec.onSpawn?.(child.pid);
    const timeout = setTimeout(() => stop('timeout'), spec.timeoutMs);
    const onAbort = () => stop('cancelled');
    const onBudget = () => stop('budget');
    spec.signal.addEventListener('abort', onAbort, { once: true });
    spec.budgetSignal?.addEventListener('abort', onBudget, { once: true });
    if (spec.signal.aborted) onAbort();
    const heartbeat = spec.onHeartbeat
      ? setInterval(() => spec.onHeartbeat?.(tail.join('\n')), spec.heartbeatMs ?? 1000)
      : undefined;
    const clean = spec.redact ?? ((line: string) => line);
    lines(child.stdout, (raw) => {
      const line = clean(raw);
      remember(line);
      if (spec.onStdoutLine?.(line) === 'stop') stop('budget');
    });
    let lastError: string | undefined;
    lines(child.stderr, (raw) => {
      const line = clean(raw);
      remember(line);
      if (line.trim() && !/^Node\.js v\d/.test(line.trim())) lastError = line.trim();
    });
    const cleanup = () => {
      clearTimeout(timeout);
      if (heartbeat) clearInterval(heartbeat);
      spec.signal.removeEventListener('abort', onAbort);
      spec.budgetSignal?.removeEventListener('abort', onBudget);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new SpawnError(
          `cannot run ${JSON.stringify(file)}: ${err.code === 'ENOENT' ? 'no such command or file' : err.message}`,
        ),
      );
    });
    // Whatever the command left running in its group (a dev server, a watcher) ends with it: nothing outlives a
    // phase, and nothing keeps its output open after it exited.
    child.once('exit', () => killGroup('SIGKILL'));
    child.once('close', (code) => {
      cleanup();
      if (killTimer) clearTimeout(killTimer);
      resolve({
        exitCode: code,
        ...(stoppedBy ? { stoppedBy } : {}),
        tail: tail.join('\n'),
        ...(lastError !== undefined ? { lastError } : {}),
      });
    });
  });
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let index: number;
    while ((index = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, index).replace(/\r$/, ''));
      buffer = buffer.slice(index + 1);
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer);
  });
}

/** Kills a process group left behind by a worker that died (its id kept in `pidFile`), then forgets it. */
export function killStaleGroup(pidFile: string): void {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (Number.isInteger(pid) && pid > 1) process.kill(-pid, 'SIGKILL');
  } catch {
    // no file, or the group is gone already
  }
  rmSync(pidFile, { force: true });
}
