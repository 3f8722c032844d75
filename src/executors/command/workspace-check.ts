import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { isRemoteAddress } from '../../model/workspace-address';
import { git } from './git';
import { storyBranchPrefix } from './workspace';

/** The workspace cannot be used: not there, not a repository, no commit, uncommitted changes, or taken. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/**
 * Checks the workspace before any domain starts and pins the commit every domain branch starts from: the remote's
 * default branch (`HEAD`). A repository on this machine (a bare one, or a checkout, which is its own remote) must exist
 * with a commit; a checkout must have no uncommitted changes, since they would not be part of the run. The remote may
 * hold no branch of this story yet: another run's branches are never overwritten.
 */
export async function inspectWorkspace(input: {
  workspace: string;
  storyId: string;
}): Promise<{ root: string; baseCommit: string }> {
  const workspace = isRemoteAddress(input.workspace) ? input.workspace : await localRepository(input.workspace);
  const heads = await git({
    cwd: '/',
    args: ['ls-remote', workspace, 'HEAD', `refs/heads/${storyBranchPrefix(input.storyId)}*`],
  }).catch((err: Error) => {
    throw new WorkspaceError(`cannot read ${workspace}: ${err.message.split('\n').slice(-1)[0]}`);
  });
  const refs = heads
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+/) as [string, string]);
  const baseCommit = refs.find(([, ref]) => ref === 'HEAD')?.[0];
  if (!baseCommit) throw new WorkspaceError(`${workspace} has no commit to start from`);
  const taken = refs
    .filter(([, ref]) => ref.startsWith('refs/heads/'))
    .map(([, ref]) => ref.slice('refs/heads/'.length));
  if (taken.length) {
    throw new WorkspaceError(
      `${workspace} already has branches of story ${input.storyId} (${taken.join(', ')}), from another run: choose another story id or delete them`,
    );
  }
  return { root: workspace, baseCommit };
}

/** The repository a local path names (the top of a checkout, or a bare repository), checked for use. */
async function localRepository(path: string): Promise<string> {
  if (!isAbsolute(path)) throw new WorkspaceError(`${path} is not an absolute path`);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new WorkspaceError(`${path} does not exist`);
  const bare = (await git({ cwd: path, args: ['rev-parse', '--is-bare-repository'] }).catch(() => '')).trim();
  if (!bare) throw new WorkspaceError(`${path} is not a git repository`);
  if (bare === 'true') return path;
  const top = (await git({ cwd: path, args: ['rev-parse', '--show-toplevel'] })).trim();
  const status = await git({ cwd: top, args: ['status', '--porcelain', '--untracked-files=all'] });
  const dirty = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (dirty.length) {
    const shown = dirty.slice(0, 5).join(', ');
    throw new WorkspaceError(
      `${top} has uncommitted changes (${shown}${dirty.length > 5 ? ', …' : ''}); commit or stash them first`,
    );
  }
  return top;
}
