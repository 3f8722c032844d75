import { existsSync, mkdirSync, readFileSync, rmSync, statSync, appendFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GitError, git, pathsFrom } from './git';

/** The workspace cannot be used: not there, not a repository, no commit, or uncommitted changes. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/** Branch of one domain's work. */
export function domainBranch(input: { storyId: string; domain: string }): string {
  return `wave/${input.storyId}/${input.domain}`;
}

/** Integration branch the merge review builds. */
export function mergedBranch(storyId: string): string {
  return `wave/${storyId}/merged`;
}

/** Where a domain's worktree lives (`.merged` for the integration tree: no domain name starts with a dot). */
export function worktreePath(input: { root: string; worktreesDir: string; storyId: string; name: string }): string {
  return join(input.root, input.worktreesDir, input.storyId, input.name);
}

/**
 * Checks that `path` is the top of a git repository with a commit and no uncommitted changes, keeps the worktrees
 * folder out of `git status` (local exclude, nothing committed), and returns the root and the base commit.
 */
export async function inspectWorkspace(input: {
  path: string;
  worktreesDir: string;
}): Promise<{ root: string; baseCommit: string }> {
  const path = resolve(input.path);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new WorkspaceError(`${path} does not exist`);
  const root = (await git({ cwd: path, args: ['rev-parse', '--show-toplevel'] }).catch(() => '')).trim();
  if (!root) throw new WorkspaceError(`${path} is not a git repository`);
  const head = (
    await git({ cwd: root, args: ['rev-parse', '--verify', '--quiet', 'HEAD'], allowFailure: true })
  ).trim();
  if (!head) throw new WorkspaceError(`${root} has no commit to start from`);
  await excludeWorktrees({ root, worktreesDir: input.worktreesDir });
  const status = await git({ cwd: root, args: ['status', '--porcelain', '--untracked-files=all'] });
  const dirty = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (dirty.length) {
    const shown = dirty.slice(0, 5).join(', ');
    throw new WorkspaceError(
      `${root} has uncommitted changes (${shown}${dirty.length > 5 ? ', …' : ''}); commit or stash them first`,
    );
  }
  return { root, baseCommit: head };
}

async function excludeWorktrees(input: { root: string; worktreesDir: string }): Promise<void> {
  const gitPath = (await git({ cwd: input.root, args: ['rev-parse', '--git-path', 'info/exclude'] })).trim();
  const file = isAbsolute(gitPath) ? gitPath : join(input.root, gitPath);
  const line = `/${input.worktreesDir}/`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split('\n').includes(line)) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`);
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call for the same repository has finished (git locks refs and worktree lists). */
export function serialized<T>(root: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(root) ?? Promise.resolve();
  const next = previous.then(work, work);
  locks.set(
    root,
    next.catch(() => undefined),
  );
  return next;
}

async function branchExists(input: { root: string; branch: string }): Promise<boolean> {
  const out = await git({
    cwd: input.root,
    args: ['rev-parse', '--verify', '--quiet', `refs/heads/${input.branch}`],
    allowFailure: true,
  });
  return out.trim().length > 0;
}

/**
 * Gives a domain its worktree on `wave/<storyId>/<domain>`: created from the base commit with its dependencies'
 * branches merged in, or reused as it is when an earlier attempt made it. Safe to call again after a crash.
 */
export async function ensureWorktree(input: {
  root: string;
  worktreesDir: string;
  storyId: string;
  domain: string;
  baseCommit: string;
  dependsOn: string[];
}): Promise<string> {
  const path = worktreePath({ ...input, name: input.domain });
  const branch = domainBranch(input);
  await serialized(input.root, async () => {
    if (existsSync(join(path, '.git'))) return;
    await git({ cwd: input.root, args: ['worktree', 'prune'] });
    if (existsSync(path)) rmSync(path, { recursive: true, force: true });
    mkdirSync(dirname(path), { recursive: true });
    const args = (await branchExists({ root: input.root, branch }))
      ? ['worktree', 'add', path, branch]
      : ['worktree', 'add', '-b', branch, path, input.baseCommit];
    await git({ cwd: input.root, args });
  });
  await cleanWorktree(path);
  for (const dependency of input.dependsOn) {
    await mergeInto({
      cwd: path,
      branch: domainBranch({ storyId: input.storyId, domain: dependency }),
      message: `wave(${input.storyId}): ${input.domain} starts from ${dependency}`,
    });
  }
  return path;
}

/** Puts a worktree back to its last commit: what a retried phase starts from. */
export async function cleanWorktree(path: string): Promise<void> {
  await git({ cwd: path, args: ['merge', '--abort'], allowFailure: true });
  await git({ cwd: path, args: ['reset', '--hard', '--quiet', 'HEAD'] });
  await git({ cwd: path, args: ['clean', '-fd', '--quiet'] });
}

/**
 * Pins where an implement round starts: the first attempt records the branch's commit under `ref`, every later
 * attempt moves the branch back to it. So a retried round never builds on a commit its interrupted attempt made
 * (a worker can die after committing and before Temporal recorded the phase as finished).
 */
export async function startRoundFrom(input: { path: string; ref: string }): Promise<void> {
  const pinned = (
    await git({ cwd: input.path, args: ['rev-parse', '--verify', '--quiet', input.ref], allowFailure: true })
  ).trim();
  if (pinned) await git({ cwd: input.path, args: ['reset', '--hard', '--quiet', pinned] });
  else await git({ cwd: input.path, args: ['update-ref', input.ref, 'HEAD'] });
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
  if (await isAncestor(input)) return;
  try {
    await git({ cwd: input.cwd, args: ['merge', '--no-ff', '--no-edit', '-m', input.message, input.branch] });
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    const files = pathsFrom(await git({ cwd: input.cwd, args: ['diff', '--name-only', '--diff-filter=U', '-z'] }));
    await git({ cwd: input.cwd, args: ['merge', '--abort'], allowFailure: true });
    if (files.length) throw new MergeConflict(input.branch, files.sort());
    throw err;
  }
}

async function isAncestor(input: { cwd: string; branch: string }): Promise<boolean> {
  return git({ cwd: input.cwd, args: ['merge-base', '--is-ancestor', input.branch, 'HEAD'] }).then(
    () => true,
    () => false,
  );
}

/** Files a branch changed since the base commit. */
export async function branchFiles(input: { root: string; baseCommit: string; branch: string }): Promise<string[]> {
  return pathsFrom(
    await git({ cwd: input.root, args: ['diff', '--name-only', '-z', `${input.baseCommit}...${input.branch}`] }),
  ).sort();
}
