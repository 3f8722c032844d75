import type { MergeResult } from '../../model/merge';
import { redactor, secretValues } from '../redact';
import { fetchInto, openClone, pushBranch, remoteBranches } from './clone-cache';
import { argvOf } from './command-line';
import type { CommandExecutorConfig } from './config';
import { git } from './git';
import { lastChars } from './output-lines';
import { allowedEnv } from './phase-env';
import { runProcess } from './process-runner';
import {
  MergeConflict,
  branchFiles,
  domainBranch,
  mergeInto,
  mergedBranch,
  freshWorktree,
  storyBranchPrefix,
  worktreePath,
} from './workspace';
import { setUpWorktree } from './worktree-commands';

/**
 * Builds `wave/<storyId>/merged` from the base commit by merging the domains' branches in layer order. A branch
 * that conflicts is left out and reported with its files and the domains it collided with. When everything merged,
 * the configured full test command runs on the merged tree. Safe to repeat: the integration branch is rebuilt.
 */
export async function mergeRun(input: {
  config: CommandExecutorConfig;
  storyId: string;
  root: string;
  baseCommit: string;
  domains: string[];
  signal: AbortSignal;
  heartbeat: (details?: unknown) => void;
}): Promise<MergeResult> {
  const clone = await openClone({ cacheDir: input.config.cacheDir, remote: input.root });
  const heads = await remoteBranches({ clone, prefix: storyBranchPrefix(input.storyId) });
  const sources = new Map(input.domains.map((domain) => [domain, domainBranch({ storyId: input.storyId, domain })]));
  // A domain that changed nothing never pushed a branch: there is nothing of it to merge.
  const pushed = [...sources.values()].filter((branch) => heads.has(branch));
  await fetchInto({ clone, branches: pushed, commits: [input.baseCommit] });
  const path = worktreePath({ clone, storyId: input.storyId, name: '.merged' });
  const branch = mergedBranch(input.storyId);
  await freshWorktree({ clone, path, branch, commit: input.baseCommit });
  const merged: string[] = [];
  const conflicts: MergeResult['conflicts'] = [];
  const touched = new Map<string, string[]>();
  for (const domain of input.domains) {
    const branchName = sources.get(domain) as string;
    if (!heads.has(branchName)) {
      merged.push(domain);
      continue;
    }
    const source = `refs/remotes/origin/${branchName}`;
    touched.set(domain, await branchFiles({ cwd: path, baseCommit: input.baseCommit, branch: source }));
    try {
      await mergeInto({ cwd: path, branch: source, message: `wave(${input.storyId}): merge ${domain}` });
      merged.push(domain);
    } catch (err) {
      if (!(err instanceof MergeConflict)) throw err;
      const others = merged.filter((other) => (touched.get(other) ?? []).some((file) => err.files.includes(file)));
      conflicts.push({ domain, files: err.files, with: others });
    }
    input.heartbeat({ merged, conflicts: conflicts.length });
  }
  // The integration branch is rebuilt by every attempt: it replaces what an earlier attempt of this run pushed.
  const pushedBefore = heads.get(branch);
  await pushBranch({
    cwd: path,
    clone,
    branch,
    ...(pushedBefore ? { expected: pushedBefore } : {}),
    label: 'merge review',
  });
  const headCommit = (await git({ cwd: path, args: ['rev-parse', 'HEAD'] })).trim();
  const result: MergeResult = { branch, baseCommit: input.baseCommit, headCommit, merged, conflicts };
  const test = input.config.mergeTest;
  if (!test || conflicts.length) return result;
  await setUpWorktree({
    config: input.config,
    worktree: path,
    label: 'merge review',
    env: { WAVE_STORY_ID: input.storyId, WAVE_BRANCH: branch },
    signal: input.signal,
    heartbeat: input.heartbeat,
  });
  const argv = argvOf({ command: test.command, baseDir: input.config.baseDir });
  const env = allowedEnv({ names: [...input.config.env, ...test.env] });
  const outcome = await runProcess({
    argv,
    redact: redactor(secretValues({ env, names: Object.keys(env) })),
    cwd: path,
    env: { ...env, WAVE_STORY_ID: input.storyId, WAVE_WORKTREE: path, WAVE_BRANCH: branch },
    timeoutMs: test.timeoutMs,
    signal: input.signal,
    onHeartbeat: (tail) => input.heartbeat({ phase: 'merged tests', tail: lastChars(tail, 1000) }),
  });
  return {
    ...result,
    tests: {
      command: argv.join(' '),
      passed: outcome.exitCode === 0 && !outcome.stoppedBy,
      exitCode: outcome.exitCode,
      tail: lastChars(outcome.tail, 4000),
    },
  };
}
