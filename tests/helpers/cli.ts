import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { DevServer } from '../../src/temporal/dev-server';
import type { Harness } from './harness';
import { startHarness, startServer } from './harness';

const ROOT = resolve(__dirname, '..', '..');

/** What one `wave` process printed and how it exited. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `wave` entry point as a separate process, as the package's bin does (`dist/`, which `npm test` builds
 * first), in `cwd` (default: the project).
 */
export function wave(input: { args: string[]; env?: Record<string, string>; cwd?: string }): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'dist/src/client.js'), ...input.args], {
      cwd: input.cwd ?? ROOT,
      env: { ...process.env, CI: 'true', ...input.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A dev server and a worker for tests that drive `wave`, with the environment that points `wave` at them. */
export async function startCliHarness(): Promise<{
  server: DevServer;
  h: Harness;
  env: Record<string, string>;
  close: () => Promise<void>;
}> {
  const server = await startServer();
  const h = await startHarness({ server });
  return {
    server,
    h,
    env: { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'default', WAVE_TASK_QUEUE: h.taskQueue },
    close: async () => {
      await h.close();
      await server.stop();
    },
  };
}
