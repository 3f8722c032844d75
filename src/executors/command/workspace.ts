import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clone } from './clone-cache';
import { fetchInto, remoteBranches } from './clone-cache';
import { GitError, git, gitSucceeds, pathsFrom } from './git';
import { serialized } from './serialized';
import { forgetSetup } from './worktree-commands';

/** Branch of one domain's work. */
export function domainBranch(input: { storyId: string; domain: string }): string {
  return `wave/${input.storyId}/${input.domain}`;
}

/** Integration branch the merge review builds. */
export function mergedBranch(storyId: string): string {
  return `wave/${storyId}/merged`;
}

/** The prefix of every branch of one story: no other run may have branches under it. */
export function storyBranchPrefix(storyId: string): string {
  return `wave/${storyId}/`;
}

/** Where this worker keeps a worktree of a story (`.merged` for the integration tree: no domain starts with a dot). */
export function worktreePath(input: { clone: Clone; storyId: string; name: string }): string {
  return join(input.clone.worktrees, input.storyId, input.name);
}

/** A domain's worktree, ready for a phase, and where the remote's branch was when the phase started. */
export interface DomainWorktree {
  path: string;
  branch: string;
  /** The remote's branch before this phase (undefined: the remote has no such branch yet). */
  remoteHead?: string;
}

/**
 * Gives a domain its worktree on `wave/<storyId>/<domain>`, at the commit its phase starts from:
 * - `startCommit`, the commit the domain's last recorded phase ended on, when there is one: whatever an interrupted
 *   attempt committed or pushed after it is not built on;
 * - else the remote's branch, when it has one;
 * - else the base commit with the dependencies' branches merged in (a new domain).
 * The worktree of an earlier phase on this worker is reused (installed dependencies and all); one on another worker
 * is rebuilt here from the remote. Safe to call again after a crash.
 */
export async function ensureWorktree(input: {
  clone: Clone;
  storyId: string;
  domain: string;
  baseCommit: string;
  dependsOn: string[];
  startCommit?: string;
}): Promise<DomainWorktree> {
  const { clone, storyId } = input;
  const branch = domainBranch(input);
  const path = worktreePath({ clone, storyId, name: input.domain });
  const heads = await remoteBranches({ clone, prefix: storyBranchPrefix(storyId) });
  const dependencies = input.dependsOn.map((domain) => domainBranch({ storyId, domain }));
  const wanted = [branch, ...dependencies].filter((name) => heads.has(name));
  await fetchInto({
    clone,
    branches: wanted,
    commits: [input.baseCommit, ...(input.startCommit ? [input.startCommit] : [])],
  });
  const remoteHead = heads.get(branch);
  const start = input.startCommit ?? (remoteHead ? `refs/remotes/origin/${branch}` : undefined);
  await checkout({ clone, path, branch, commit: start ?? input.baseCommit });
  if (!start) {
    for (const dependency of dependencies) {
      await mergeInto({
        cwd: path,
        branch: `refs/remotes/origin/${dependency}`,
        message: `wave(${storyId}): ${input.domain} starts from ${dependency.slice(storyBranchPrefix(storyId).length)}`,
      });
    }
  }
  return { path, branch, ...(remoteHead ? { remoteHead } : {}) };
}

/** Puts `branch` at `commit` in the worktree at `path`, creating the worktree when this worker has none. */
async function checkout(input: { clone: Clone; path: string; branch: string; commit: string }): Promise<void> {
  await serialized(input.clone.repo, async () => {
    if (existsSync(join(input.path, '.git'))) return;
    await git({ cwd: input.clone.repo, args: ['worktree', 'prune'] });
    if (existsSync(input.path)) rmSync(input.path, { recursive: true, force: true });
    mkdirSync(dirname(input.path), { recursive: true });
    await git({
      cwd: input.clone.repo,
      args: ['worktree', 'add', '--quiet', '-B', input.branch, input.path, input.commit],
    });
  });
  await git({ cwd: input.path, args: ['merge', '--abort'], allowFailure: true });
  await git({ cwd: input.path, args: ['checkout', '--quiet', '--force', '-B', input.branch, input.commit] });
  await git({ cwd: input.path, args: ['clean', '-fd', '--quiet'] });
}

/** Makes the worktree at `path` anew on `branch` at `commit` (the integration tree, rebuilt by every attempt). */
export async function freshWorktree(input: {
  clone: Clone;
  path: string;
  branch: string;
  commit: string;
}): Promise<void> {
  await serialized(input.clone.repo, async () => {
    if (existsSync(input.path))
      await git({ cwd: input.clone.repo, args: ['worktree', 'remove', '--force', input.path] });
    forgetSetup(input.path);
    await git({ cwd: input.clone.repo, args: ['worktree', 'prune'] });
    await git({
      cwd: input.clone.repo,
      args: ['worktree', 'add', '--quiet', '-B', input.branch, input.path, input.commit],
    });
  });
}

/** Puts a worktree back to its last commit: what a retried phase starts from. */
export async function cleanWorktree(path: string): Promise<void> {
  await git({ cwd: path, args: ['merge', '--abort'], allowFailure: true });
  await git({ cwd: path, args: ['reset', '--hard', '--quiet', 'HEAD'] });
  await git({ cwd: path, args: ['clean', '-fd', '--quiet'] });
}

/** The commit a worktree is on. */
export async function headOf(path: string): Promise<string> {
  return (await git({ cwd: path, args: ['rev-parse', 'HEAD'] })).trim();
}

/** Commits every change in the worktree; returns the files committed (none → no commit). */
export async function commitAll(input: { path: string; message: string }): Promise<string[]> {
  await git({ cwd: input.path, args: ['add', '-A'] });
  const files = pathsFrom(await git({ cwd: input.path, args: ['diff', '--cached', '--name-only', '-z'] })).sort();
  if (files.length) await git({ cwd: input.path, args: ['commit', '--quiet', '--no-verify', '-m', input.message] });
  return files;
}

/** A merge stopped on conflicting files. */
export class MergeConflict extends Error {
  override readonly name = 'MergeConflict';
  constructor(
    readonly branch: string,
    readonly files: string[],
  ) {
    super(`merging ${branch} conflicts in ${files.join(', ')}`);
  }
}

/** Merges `branch` into the worktree at `cwd` unless it is already in; a conflict is aborted and thrown. */
export async function mergeInto(input: { cwd: string; branch: string; message: string }): Promise<void> {
  if (await gitSucceeds({ cwd: input.cwd, args: ['merge-base', '--is-ancestor', input.branch, 'HEAD'] })) return;
  try {
    await git({ cwd: input.cwd, args: ['merge', '--no-ff', '--no-edit', '-m', input.message, input.branch] });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    const files = pathsFrom(await git({ cwd: input.cwd, args: ['diff', '--name-only', '--diff-filter=U', '-z'] }));
    await git({ cwd: input.cwd, args: ['merge', '--abort'], allowFailure: true });
    if (files.length) throw new MergeConflict(input.branch.replace(/^refs\/remotes\/origin\//, ''), files.sort());
    throw err;
  }
}

/** Files a branch changed since the base commit. */
export async function branchFiles(input: { cwd: string; baseCommit: string; branch: string }): Promise<string[]> {
  return pathsFrom(
    await git({ cwd: input.cwd, args: ['diff', '--name-only', '-z', `${input.baseCommit}...${input.branch}`] }),
  ).sort();
}
