import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { WaveConfig } from '../../config/wave-config';
import type { CachedStory } from '../../executors/command/cache-clean';
import { cachedStories, cleanStory } from '../../executors/command/cache-clean';
import { CommandExecutorConfigSchema } from '../../executors/command/config';
import { UserError } from '../../model/user-errors';
import { storyIdFrom, storyWorkflowId } from '../../workflow-safe/ids';
import { parse } from '../args';
import { openSession } from '../session';

const USAGE = 'usage: wave clean <story-id> | --older-than <N>d|h|m [--remote]';

/** `--older-than 7d` → milliseconds. */
function age(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([dhm])$/.exec(value.trim());
  if (!match) throw new UserError(`--older-than must look like 7d, 12h or 30m, not ${JSON.stringify(value)}`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}

/** When a story's run closed: undefined while it runs; null when Temporal no longer knows it (past retention). */
async function closedAt(input: { client: Client; storyId: string }): Promise<number | undefined | null> {
  try {
    const description = await input.client.workflow.getHandle(storyWorkflowId(input.storyId)).describe();
    return description.status.name === 'RUNNING' ? undefined : (description.closeTime?.getTime() ?? Date.now());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * `wave clean <id> | --older-than 7d [--remote]`: removes from this worker's clone cache the worktrees (running each
 * one's `cleanup` command) and local branches of finished runs; the remote's branches only with `--remote`. A run
 * that is still going is never touched.
 */
export async function cleanCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({
    args: input.args,
    options: { 'older-than': { type: 'string' }, remote: { type: 'boolean' } },
  });
  const [id, ...rest] = positionals;
  const olderThan = values['older-than'];
  if (rest.length || (id === undefined) === (olderThan === undefined)) throw new UserError(USAGE);
  const cutoff = olderThan === undefined ? undefined : Date.now() - age(olderThan);
  const executor = {
    ...(input.config.executors.command ?? CommandExecutorConfigSchema.parse({})),
    baseDir: input.config.baseDir,
  };
  const stories = (await cachedStories(executor.cacheDir)).filter(
    (story) => id === undefined || story.storyId === storyIdFrom(id),
  );
  const session = await openSession({ config: input.config, worker: 'never' });
  try {
    const chosen: CachedStory[] = [];
    for (const story of stories) {
      const closed = await closedAt({ client: session.client, storyId: story.storyId });
      if (closed === undefined) {
        if (id !== undefined) throw new UserError(`story ${story.storyId} is still running; clean it once it finished`);
        continue;
      }
      if (cutoff === undefined || (closed ?? story.modifiedMs) < cutoff) chosen.push(story);
    }
    if (chosen.length === 0) console.log(`Nothing to clean in ${executor.cacheDir}.`);
    for (const story of chosen) {
      const result = await cleanStory({ config: executor, story, remote: values.remote === true });
      console.log(
        `${story.storyId} (${story.clone.remote}): removed ${result.worktrees} worktree(s), ${result.branches} local branch(es)` +
          (values.remote ? `, ${result.remoteBranches} remote branch(es)` : ''),
      );
      for (const problem of result.problems) console.error(`wave: ${problem}`);
    }
    return 0;
  } finally {
    await session.close();
  }
}
