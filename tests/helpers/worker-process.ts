import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** A real worker process (`dist/src/worker.js`, as `npm run worker` runs it) and everything it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Kills every worker process this test file started (for `afterAll`). */
export function killWorkerProcesses(): void {
  for (const child of started.splice(0)) child.kill('SIGKILL');
}

/** True where a worker can get a mount namespace of its own (`unshare -m`: Linux, as root). */
export function canIsolateHosts(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-m', 'true']).status === 0;
}

/**
 * Starts the worker entry point as its own process; resolves once it polls. With `privateDir`, the worker runs as a
 * host of its own: in its own mount namespace, with a fresh tmpfs mounted at `privateDir` as its working directory,
 * so that workers started alike see the same path but never each other's files.
 */
export function startWorkerProcess(
  env: Record<string, string>,
  options: { privateDir?: string } = {},
): Promise<WorkerProcess> {
  const node = [process.execPath, join(ROOT, 'dist/src/worker.js')];
  const argv = options.privateDir
    ? [
        'unshare',
        '-m',
        'sh',
        '-c',
        'mount -t tmpfs wave-host "$1" && cd "$1" && shift && exec "$@"',
        'sh',
        options.privateDir,
        ...node,
      ]
    : node;
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('wave worker')) ready({ child, output: () => output, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => fail(new Error(`worker exited with ${code}: ${output}`)));
  });
}

/** After a test file: kills the worker processes it started, then stops its server. */
export async function stopServerAndWorkers(server: { stop(): Promise<void> } | undefined): Promise<void> {
  killWorkerProcesses();
  await server?.stop();
}
