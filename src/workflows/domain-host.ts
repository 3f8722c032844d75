import type { ActivityOptions } from '@temporalio/workflow';
import { ActivityFailure, CancellationScope, TimeoutFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { HostClaim } from '../activities/host';
import type { WaveActivities } from '../activities/types';
import type { Policy } from '../model/policy';
import type { StoryContext } from '../model/story-context';
import { FailureType } from '../workflow-safe/failure-types';
import { DomainStop } from './domain-stop';

/** Marks histories whose domains keep to one host (runs recorded before it ran every phase on the shared queue). */
export const HOST_AFFINITY_PATCH = 'host-affinity';

/** Hosts a domain may lose (each one dying under it) before it fails. */
const MAX_HOSTS_LOST = 3;

/** Where a domain's phases run: its host while that host lives, and the hosts it lost. */
export interface DomainHost {
  /** False for runs without a repository (nothing to keep on a host) and for runs recorded before host affinity. */
  readonly affinity: boolean;
  claim?: HostClaim;
  /** Hosts the domain left because they stopped polling (they may still hold its place, if only slow). */
  lost: HostClaim[];
}

/** How a phase runs on the domain's host: its queue, and the attempts made on hosts lost before it. */
export interface HostPlacement {
  options: Pick<ActivityOptions, 'taskQueue' | 'scheduleToStartTimeout'>;
  attemptOffset: number;
}

export function domainHost(story: StoryContext): DomainHost {
  return { affinity: story.workspace !== undefined && patched(HOST_AFFINITY_PATCH), lost: [] };
}

/**
 * Runs `work` on the domain's host, claiming one first (a claim runs on the shared queue: the worker that takes it
 * becomes the host). A phase scheduled on a host's own queue that no worker starts within `hostTimeoutMs` means the
 * host died: the domain claims another host, which rebuilds the worktree from the remote, and runs the phase again
 * there, its attempts counted on from the lost host's. Without affinity, `work` runs on the shared queue.
 */
export async function onHost<T>(input: {
  host: DomainHost;
  ids: { storyId: string; domain: string };
  policy: Policy;
  work: (placement: HostPlacement) => Promise<T>;
}): Promise<T> {
  const { host } = input;
  if (!host.affinity) return await input.work({ options: {}, attemptOffset: 0 });
  for (;;) {
    host.claim ??= await claim(input.ids);
    try {
      return await input.work({
        options: { taskQueue: host.claim.queue, scheduleToStartTimeout: input.policy.hostTimeoutMs },
        attemptOffset: host.lost.length,
      });
    } catch (err) {
      if (!isHostLost(err)) throw err;
      host.lost.push(host.claim);
      delete host.claim;
      if (host.lost.length >= MAX_HOSTS_LOST) {
        throw new DomainStop('failed', {
          type: FailureType.HostsLost,
          message: `${input.ids.domain}: no host ran the phase; ${host.lost.map((lost) => lost.hostId).join(', ')} stopped polling before starting it`,
        });
      }
    }
  }
}

/**
 * Frees the domain's place on its host, and on the hosts it left (a host taken for dead may only have been slow). A
 * host that died has nothing to free: its release is not started within `hostTimeoutMs` and is given up. Runs also
 * when the domain was cancelled.
 */
export async function releaseHost(input: {
  host: DomainHost;
  ids: { storyId: string; domain: string };
  policy: Policy;
}) {
  const held = [...(input.host.claim ? [input.host.claim] : []), ...input.host.lost];
  if (held.length === 0) return;
  await CancellationScope.nonCancellable(() =>
    Promise.all(
      held.map((claim) => {
        const { releaseHost: release } = proxyActivities<WaveActivities>({
          summary: `release ${claim.hostId}`,
          taskQueue: claim.queue,
          scheduleToStartTimeout: input.policy.hostTimeoutMs,
          startToCloseTimeout: '30 seconds',
          retry: { maximumAttempts: 3, initialInterval: '1s' },
        });
        return release(input.ids).catch(() => undefined);
      }),
    ),
  );
}

async function claim(ids: { storyId: string; domain: string }): Promise<HostClaim> {
  const { claimHost } = proxyActivities<WaveActivities>({
    summary: `claim a host for ${ids.domain}`,
    startToCloseTimeout: '30 seconds',
    // A host at its worktree limit refuses; the retries wait for a place on one.
    retry: { initialInterval: '1s', backoffCoefficient: 1.5, maximumInterval: '10s' },
  });
  return await claimHost(ids);
}

/** A phase that no worker started on the host's own queue: the host stopped polling. */
function isHostLost(err: unknown): boolean {
  return (
    err instanceof ActivityFailure &&
    err.cause instanceof TimeoutFailure &&
    err.cause.timeoutType === 'SCHEDULE_TO_START'
  );
}
