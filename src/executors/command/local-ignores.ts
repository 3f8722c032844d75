import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { git } from './git';

/**
 * Keeps files a tool leaves in a worktree (an agent's caches) out of WAVE's commits: the patterns go to the
 * repository's local `info/exclude`, shared by all its worktrees and never pushed.
 */
export async function ignoreLocally(input: { worktree: string; patterns: readonly string[] }): Promise<void> {
  if (input.patterns.length === 0) return;
  const common = (await git({ cwd: input.worktree, args: ['rev-parse', '--git-common-dir'] })).trim();
  const file = join(isAbsolute(common) ? common : join(input.worktree, common), 'info', 'exclude');
  const present = new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  const missing = input.patterns.filter((pattern) => !present.has(pattern));
  if (missing.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${missing.join('\n')}\n`);
}
