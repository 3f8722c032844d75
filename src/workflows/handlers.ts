import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ReviewDecision } from '../shared/merge';
import type { DomainRunProgress, StoryProgress } from '../shared/progress';
import type { Review } from '../shared/report';

/** Live state of a story run: stage, layer, and every domain's status. */
export const progressQuery = defineQuery<StoryProgress>('progress');

/** Live state of one domain: the phase running now, the fix iteration and the budget used. */
export const domainProgressQuery = defineQuery<DomainRunProgress>('progress');

/** A person's merge-review decision for a run waiting in `awaiting-review`; answers with the recorded review. */
export const reviewUpdate = defineUpdate<Review, [ReviewDecision]>('review');
