import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** A real worker process (`src/worker.ts`, as `npm run worker` runs it) and everything it printed. */
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

/** Starts the worker entry point as its own process; resolves once it polls. */
export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', join(ROOT, 'src/worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env },
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
