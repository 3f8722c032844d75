import { Context } from '@temporalio/activity';
import { waveFailure } from '../workflow-safe/failure-types';

/** This worker as a host of domains: the queue only it polls, and how many domains it takes on at once. */
export interface HostInfo {
  /** Stable across restarts of the same host (its hostname and clone cache), so a restarted worker finds its work. */
  id: string;
  /** The task queue only this host polls. */
  queue: string;
  /** Domains (each with its worktree) this host holds at once. */
  maxWorktrees: number;
}

/** The host a domain's phases go to. */
export interface HostClaim {
  hostId: string;
  queue: string;
}

/**
 * The host activities: `claimHost` runs on the shared queue, so whichever worker takes it becomes the domain's host
 * and answers with its own queue (unless it already holds `maxWorktrees` domains: then another worker, or this one
 * later, takes the retry); `releaseHost` runs on the host's queue when the domain is done. Claims live in this
 * process: a host that restarts holds none, and the domains it held claim again when their phases time out there.
 */
export function createHostActivities(host: HostInfo) {
  const claims = new Set<string>();
  const key = (input: { storyId: string; domain: string }) => `${input.storyId}/${input.domain}`;
  return {
    async claimHost(input: { storyId: string; domain: string }): Promise<HostClaim> {
      if (!claims.has(key(input)) && claims.size >= host.maxWorktrees) {
        throw waveFailure({
          type: 'HostFull',
          message: `${host.id} holds ${claims.size} domain(s), its limit (worker.maxWorktrees); another host or a later retry takes ${key(input)}`,
        });
      }
      claims.add(key(input));
      Context.current().log.info('domain claimed', { host: host.id, claims: claims.size });
      return { hostId: host.id, queue: host.queue };
    },
    async releaseHost(input: { storyId: string; domain: string }): Promise<void> {
      claims.delete(key(input));
    },
  };
}
