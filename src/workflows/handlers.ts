import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MergeDecision } from '../model/merge';
import type { DomainRunProgress, StoryProgress } from '../model/progress';
import type { MergeReview } from '../model/report';

/** Live state of a story run: stage, layer, and every domain's status. */
export const progressQuery = defineQuery<StoryProgress>('progress');

/** Live state of one domain: the phase running now, the fix iteration and the budget used. */
export const domainProgressQuery = defineQuery<DomainRunProgress>('progress');

/**
 * A person's decision (`wave review`) on a run the merge gate escalated, while it waits in `awaiting-review`; answers
 * with the recorded review. The update keeps its recorded name, `review`.
 */
export const mergeDecisionUpdate = defineUpdate<MergeReview, [MergeDecision]>('review');
