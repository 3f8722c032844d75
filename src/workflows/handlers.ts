import { defineQuery } from '@temporalio/workflow';
import type { DomainRunProgress, StoryProgress } from '../shared/progress';

/** Live state of a story run: stage, layer, and every domain's status. */
export const progressQuery = defineQuery<StoryProgress>('progress');

/** Live state of one domain: the phase running now, the fix iteration and the budget used. */
export const domainProgressQuery = defineQuery<DomainRunProgress>('progress');
