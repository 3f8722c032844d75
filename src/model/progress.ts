import type { Usage } from './budget';
import type { Phase } from './phase';
import type { Outcome } from './report';
import type { DomainStatus } from './results';

/** Where a domain is, as the parent sees it. */
export type DomainProgressStatus = 'pending' | 'running' | DomainStatus;

/** One row of the live progress display. */
export interface DomainProgress {
  name: string;
  critical: boolean;
  layer: number;
  status: DomainProgressStatus;
  /** The phase running now (from the domain's own `progress` query). */
  phase?: Phase;
  /** Fix iteration of the running phase (0 = first implement/test round). */
  iteration?: number;
  /** Phases finished so far. */
  phasesDone?: number;
  budgetUsed?: Usage;
  error?: string;
}

/** Answer of the parent's `progress` query. */
export interface StoryProgress {
  storyId: string;
  title: string;
  stage: 'planning' | 'running' | 'aggregating' | 'merging' | 'awaiting-review' | 'completed';
  /** Why a person must decide (while `awaiting-review`). */
  reviewReason?: string;
  startedAt: string;
  /** Index of the layer running now. */
  currentLayer: number;
  layerCount: number;
  domains: DomainProgress[];
  outcome?: Outcome;
}

/** Answer of a domain child's `progress` query. */
export interface DomainRunProgress {
  domain: string;
  status: DomainProgressStatus;
  phase?: Phase;
  iteration: number;
  phasesDone: number;
  budgetUsed: Usage;
}
