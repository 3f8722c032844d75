import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waveFailure } from '../../workflow-safe/failure-types';
import { GitError, git, gitSucceeds } from './git';
import { serialized } from './serialized';

/** A worker's clone of one workspace remote: a bare repository, and the folder of the worktrees made from it. */
export interface Clone {
  /** The remote as the request names it: a URL, a bare repository or a local repository (its own remote). */
  remote: string;
  /** The bare clone in this worker's cache. */
  repo: string;
  /** Where this worker keeps the worktrees of this remote's stories. */
  worktrees: string;
}

/** A folder name for a remote: readable, and unique through a hash of the whole address. */
function cacheName(remote: string): string {
  const readable = remote
    .replace(/\.git$/, '')
    .split(/[/:]/)
    .filter(Boolean)
    .slice(-2)
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `${readable || 'remote'}-${createHash('sha256').update(remote).digest('hex').slice(0, 10)}`;
}

/** Opens (creating it on first use) this worker's clone of `remote` under `cacheDir`. */
export async function openClone(input: { cacheDir: string; remote: string }): Promise<Clone> {
  const root = join(resolve(input.cacheDir), cacheName(input.remote));
  const clone = { remote: input.remote, repo: join(root, 'repo.git'), worktrees: join(root, 'worktrees') };
  await serialized(clone.repo, async () => {
    if (existsSync(join(clone.repo, 'HEAD'))) return;
    mkdirSync(clone.repo, { recursive: true });
    await git({ cwd: clone.repo, args: ['init', '--quiet', '--bare'] });
    await git({ cwd: clone.repo, args: ['remote', 'add', 'origin', input.remote] });
  });
  return clone;
}

/** The remote's branches under `prefix` (e.g. `wave/<storyId>/`), by name, with their commits. */
export async function remoteBranches(input: { clone: Clone; prefix: string }): Promise<Map<string, string>> {
  const out = await git({ cwd: input.clone.repo, args: ['ls-remote', '--heads', 'origin', `${input.prefix}*`] });
  const heads = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [commit, ref] = line.trim().split(/\s+/);
    if (commit && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), commit);
  }
  return heads;
}

/**
 * Brings `branches` (those the remote has) and `commits` into the clone: the branches as `origin/<branch>`; a commit
 * the clone still lacks after that is looked for on the remote's default branch and then on all its branches.
 */
export async function fetchInto(input: { clone: Clone; branches: string[]; commits: string[] }): Promise<void> {
  const { clone } = input;
  await serialized(clone.repo, async () => {
    if (input.branches.length) {
      const refspecs = input.branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`);
      await git({ cwd: clone.repo, args: ['fetch', '--quiet', '--no-tags', 'origin', ...refspecs] });
    }
    for (const refspecs of [['HEAD'], ['+refs/heads/*:refs/remotes/origin/*']]) {
      const missing = await missingCommits({ clone, commits: input.commits });
      if (missing.length === 0) return;
      await git({ cwd: clone.repo, args: ['fetch', '--quiet', '--no-tags', 'origin', ...refspecs] });
    }
    const missing = await missingCommits({ clone, commits: input.commits });
    if (missing.length) throw new GitError(`${clone.remote} has no commit ${missing.join(', ')}`, null, '');
  });
}

async function missingCommits(input: { clone: Clone; commits: string[] }): Promise<string[]> {
  const missing: string[] = [];
  for (const commit of input.commits) {
    if (!(await gitSucceeds({ cwd: input.clone.repo, args: ['cat-file', '-e', `${commit}^{commit}`] }))) {
      missing.push(commit);
    }
  }
  return missing;
}

/**
 * Pushes the worktree's HEAD to `branch` on the remote, only if the remote's branch is still where this attempt found
 * it (`expected`; absent: the branch must not exist). Never overwrites what another run or attempt pushed since. A
 * refusal fails as `PushRaced` (the branch moved: the next attempt fetches again) or `PushRefused` (a hook, missing
 * permissions: for good), naming `label`, the remote and the branch.
 */
export async function pushBranch(input: {
  cwd: string;
  clone: Clone;
  branch: string;
  expected?: string;
  label: string;
}): Promise<void> {
  const ref = `refs/heads/${input.branch}`;
  try {
    await git({
      cwd: input.cwd,
      args: ['push', '--quiet', `--force-with-lease=${ref}:${input.expected ?? ''}`, 'origin', `HEAD:${ref}`],
    });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    const raced = /stale info|fetch first|non-fast-forward/.test(err.message);
    throw waveFailure({
      type: raced ? 'PushRaced' : 'PushRefused',
      message: `${input.label}: ${input.clone.remote} refused the push of ${input.branch}: ${err.message}`,
    });
  }
}
