import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovalHook } from '../../model/report';
import { redactor, secretValues } from '../redact';
import type { ApprovalInput } from '../types';
import { fetchInto, openClone, remoteBranches } from './clone-cache';
import { argvOf } from './command-line';
import type { CommandExecutorConfig } from './config';
import { lastChars } from './output-lines';
import { allowedEnv } from './phase-env';
import { runProcess } from './process-runner';
import { freshWorktree, mergedBranch, worktreePath } from './workspace';

/**
 * Runs the configured `onApproved` command once a run is approved, on any worker: in a checkout of the merged branch
 * fetched from the remote, with the branch, the report (a JSON file) and the story in its environment. What it did is
 * returned for the report; a failing command does not fail the run, it is reported.
 */
export async function runApprovalHook(input: {
  config: CommandExecutorConfig;
  approval: ApprovalInput;
  signal: AbortSignal;
  heartbeat: (details?: unknown) => void;
}): Promise<ApprovalHook | undefined> {
  const spec = input.config.onApproved;
  if (!spec) return undefined;
  const { approval } = input;
  const clone = await openClone({ cacheDir: input.config.cacheDir, remote: approval.root });
  const branch = mergedBranch(approval.storyId);
  const merged = (await remoteBranches({ clone, prefix: branch })).get(branch);
  await fetchInto({ clone, branches: merged ? [branch] : [], commits: [approval.baseCommit] });
  const path = worktreePath({ clone, storyId: approval.storyId, name: '.merged' });
  await freshWorktree({ clone, path, branch, commit: merged ? `refs/remotes/origin/${branch}` : approval.baseCommit });
  const scratch = mkdtempSync(join(tmpdir(), 'wave-approved-'));
  const reportFile = join(scratch, `${approval.storyId}.json`);
  writeFileSync(reportFile, JSON.stringify(approval.report, null, 2));
  const env = allowedEnv({ names: [...input.config.env, ...spec.env] });
  const argv = argvOf({ command: spec.command, baseDir: input.config.baseDir });
  try {
    const outcome = await runProcess({
      argv,
      cwd: path,
      env: {
        ...env,
        WAVE_STORY: approval.title,
        WAVE_STORY_ID: approval.storyId,
        WAVE_BRANCH: branch,
        WAVE_BASE_COMMIT: approval.baseCommit,
        WAVE_REMOTE: approval.root,
        WAVE_REPORT: reportFile,
        WAVE_WORKTREE: path,
      },
      redact: redactor(secretValues({ env, names: Object.keys(env) })),
      timeoutMs: spec.timeoutMs,
      signal: input.signal,
      onHeartbeat: (tail) => input.heartbeat({ phase: 'on approval', tail: lastChars(tail, 1000) }),
    });
    return {
      command: argv.join(' '),
      passed: outcome.exitCode === 0 && !outcome.stoppedBy,
      exitCode: outcome.exitCode,
      tail: lastChars(outcome.tail, 4000),
    };
  } catch (err) {
    return { command: argv.join(' '), passed: false, exitCode: null, tail: (err as Error).message };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
