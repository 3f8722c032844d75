import type { ExecutorRegistry } from '../executors/types';
import type { Catalog } from '../model/catalog';
import { createAggregate } from './aggregate';
import { createMergeReview } from './merge-review';
import { createRunPhase } from './phase';
import { createSupervise } from './supervise';
import type { WaveActivities } from './types';

/** What the activities depend on: the domain catalog and the executors, handed in by the worker. */
export interface ActivityDeps {
  catalog: Catalog;
  executors: ExecutorRegistry;
}

/** Builds WAVE's activities from their dependencies. */
export function createActivities(deps: ActivityDeps): WaveActivities {
  return {
    supervise: createSupervise(deps),
    runPhase: createRunPhase(deps),
    aggregate: createAggregate(),
    mergeReview: createMergeReview(deps),
  };
}
