import { execFile } from 'node:child_process';

/** A git command failed; the message carries git's own words. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stdout: string,
  ) {
    super(message);
  }
}

/** Identity used for commits WAVE makes (user config of the repository is not required). */
const IDENTITY = ['-c', 'user.name=WAVE', '-c', 'user.email=wave@localhost', '-c', 'commit.gpgsign=false'];

/** Runs `git <args>` in `cwd` (no shell) and returns stdout. */
export function git(input: { cwd: string; args: string[]; allowFailure?: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...IDENTITY, ...input.args],
      { cwd: input.cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error && !input.allowFailure) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new GitError(`git ${input.args.join(' ')}: ${(stderr || error.message).trim()}`, code, stdout));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** True when `git <args>` exits with 0 (for questions git answers with its exit code). */
export function gitSucceeds(input: { cwd: string; args: string[] }): Promise<boolean> {
  return git(input).then(
    () => true,
    () => false,
  );
}

/** Splits NUL- or newline-separated git output into paths. */
export function pathsFrom(output: string): string[] {
  return output
    .split(/\0|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
