import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clone } from './clone-cache';
import { remoteBranches } from './clone-cache';
import type { CommandExecutorConfig } from './config';
import { git, gitSucceeds } from './git';
import { storyBranchPrefix } from './workspace';
import { cleanUpWorktree } from './worktree-commands';

/** What this worker's clone cache holds of one story, in one clone. */
export interface CachedStory {
  storyId: string;
  clone: Clone;
  /** The story's worktrees in this clone. */
  worktrees: string[];
  /** The latest change to any of them (or to the clone, when it has no worktree left), epoch ms. */
  modifiedMs: number;
}

/** Every story the clone cache under `cacheDir` holds worktrees or local branches of. */
export async function cachedStories(cacheDir: string): Promise<CachedStory[]> {
  const root = resolve(cacheDir);
  if (!existsSync(root)) return [];
  const stories: CachedStory[] = [];
  for (const name of readdirSync(root)) {
    const repo = join(root, name, 'repo.git');
    if (!existsSync(join(repo, 'HEAD'))) continue;
    const remote = (await git({ cwd: repo, args: ['remote', 'get-url', 'origin'] }).catch(() => '')).trim();
    const clone: Clone = { remote, repo, worktrees: join(root, name, 'worktrees') };
    const ids = new Set([...storyFolders(clone.worktrees), ...(await branchStories(repo))]);
    for (const storyId of ids) {
      const folder = join(clone.worktrees, storyId);
      const worktrees = existsSync(folder)
        ? readdirSync(folder, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => join(folder, entry.name))
        : [];
      const modifiedMs = Math.max(0, ...[folder, ...worktrees].filter(existsSync).map((p) => statSync(p).mtimeMs));
      stories.push({ storyId, clone, worktrees, modifiedMs: modifiedMs || statSync(repo).mtimeMs });
    }
  }
  return stories;
}

function storyFolders(worktrees: string): string[] {
  return existsSync(worktrees)
    ? readdirSync(worktrees, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];
}

async function branchStories(repo: string): Promise<string[]> {
  const refs = await git({ cwd: repo, args: ['for-each-ref', '--format=%(refname)', 'refs/heads/wave/'] });
  return refs
    .split('\n')
    .map((ref) => /^refs\/heads\/wave\/([^/]+)\//.exec(ref.trim())?.[1])
    .filter((id): id is string => id !== undefined);
}

/** What cleaning a story removed, and the cleanup commands that failed. */
export interface CleanResult {
  worktrees: number;
  branches: number;
  remoteBranches: number;
  problems: string[];
}

/**
 * Removes a finished story from this worker's cache: runs each worktree's `cleanup` command, removes the worktrees and
 * the story's local branches; with `remote`, deletes the story's branches on the remote too (never otherwise).
 */
export async function cleanStory(input: {
  config: Pick<CommandExecutorConfig, 'worktree' | 'env' | 'baseDir'>;
  story: CachedStory;
  remote: boolean;
}): Promise<CleanResult> {
  const { story } = input;
  const { repo } = story.clone;
  const problems: string[] = [];
  for (const worktree of story.worktrees) {
    const failed = await cleanUpWorktree({ config: input.config, worktree, env: { WAVE_STORY_ID: story.storyId } });
    if (failed) problems.push(`cleanup of ${worktree}: ${failed}`);
    if (!(await gitSucceeds({ cwd: repo, args: ['worktree', 'remove', '--force', worktree] }))) {
      rmSync(worktree, { recursive: true, force: true });
    }
    rmSync(`${worktree}.pid`, { force: true });
  }
  rmSync(join(story.clone.worktrees, story.storyId), { recursive: true, force: true });
  await git({ cwd: repo, args: ['worktree', 'prune'] });
  const prefix = storyBranchPrefix(story.storyId);
  const local = await refsUnder({ repo, namespace: `refs/heads/${prefix}` });
  for (const ref of [...local, ...(await refsUnder({ repo, namespace: `refs/remotes/origin/${prefix}` }))]) {
    await git({ cwd: repo, args: ['update-ref', '-d', ref] });
  }
  let remoteDeleted = 0;
  if (input.remote) {
    const refs = [...(await remoteBranches({ clone: story.clone, prefix })).keys()].map((name) => `refs/heads/${name}`);
    if (refs.length) await git({ cwd: repo, args: ['push', '--quiet', 'origin', ...refs.map((ref) => `:${ref}`)] });
    remoteDeleted = refs.length;
  }
  return { worktrees: story.worktrees.length, branches: local.length, remoteBranches: remoteDeleted, problems };
}

async function refsUnder(input: { repo: string; namespace: string }): Promise<string[]> {
  const out = await git({ cwd: input.repo, args: ['for-each-ref', '--format=%(refname)', input.namespace] });
  return out
    .split('\n')
    .map((ref) => ref.trim())
    .filter(Boolean);
}
