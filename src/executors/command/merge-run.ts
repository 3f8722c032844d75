import { existsSync } from 'node:fs';
import type { MergeResult } from '../../model/merge';
import { redactor, secretValues } from '../redact';
import { argvOf } from './command-line';
import type { CommandExecutorConfig } from './config';
import { git } from './git';
import { lastChars } from './output-lines';
import { runProcess } from './process-runner';
import {
  MergeConflict,
  branchFiles,
  domainBranch,
  mergeInto,
  mergedBranch,
  serialized,
  worktreePath,
} from './workspace';

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
  const path = worktreePath({
    root: input.root,
    worktreesDir: input.config.worktreesDir,
    storyId: input.storyId,
    name: '.merged',
  });
  const branch = mergedBranch(input.storyId);
  await serialized(input.root, async () => {
    if (existsSync(path)) await git({ cwd: input.root, args: ['worktree', 'remove', '--force', path] });
    await git({ cwd: input.root, args: ['worktree', 'prune'] });
    await git({ cwd: input.root, args: ['worktree', 'add', '-B', branch, path, input.baseCommit] });
  });
  const merged: string[] = [];
  const conflicts: MergeResult['conflicts'] = [];
  const touched = new Map<string, string[]>();
  for (const domain of input.domains) {
    const source = domainBranch({ storyId: input.storyId, domain });
    touched.set(domain, await branchFiles({ root: input.root, baseCommit: input.baseCommit, branch: source }));
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
  const headCommit = (await git({ cwd: path, args: ['rev-parse', 'HEAD'] })).trim();
  const result: MergeResult = { branch, baseCommit: input.baseCommit, headCommit, merged, conflicts };
  const test = input.config.mergeTest;
  if (!test || conflicts.length) return result;
  const argv = argvOf({ command: test.command, baseDir: input.config.baseDir });
  const env: Record<string, string> = {};
  for (const name of [...input.config.env, ...test.env])
    if (process.env[name] !== undefined) env[name] = process.env[name] as string;
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
