import type { SupervisorSettings } from '../executors/supervisor/config';
import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import { createAfterApproval } from './after-approval';
import { createAggregate } from './aggregate';
import type { HostInfo } from './host';
import { createHostActivities } from './host';
import { createMergeReview } from './merge-review';
import { createRunPhase } from './phase';
import { createSupervise } from './supervise';
import type { WaveActivities } from './types';

/**
 * What the activities depend on: the domain catalog, the supervisor command (if configured), the executors and this
 * worker as a host, from the worker.
 */
export interface ActivityDeps {
  catalog: Catalog;
  supervisor?: SupervisorSettings;
  executors: ExecutorRegistry;
  host: HostInfo;
}

/** Builds WAVE's activities from their dependencies. */
export function createActivities(deps: ActivityDeps): WaveActivities {
  return {
    supervise: createSupervise(deps),
    runPhase: createRunPhase(deps),
    aggregate: createAggregate(),
    mergeReview: createMergeReview(deps),
    afterApproval: createAfterApproval(deps),
    ...createHostActivities(deps.host),
  };
}
