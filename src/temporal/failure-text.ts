import { ActivityFailure, ChildWorkflowFailure, TemporalFailure } from '@temporalio/common';

/**
 * A failure as one line a person can act on: what failed and where (the activity and the worker that ran it, the
 * child workflow), then the cause at the bottom of the chain, e.g.
 * `mergeReview on host-b/4711: file:///srv/shop.git refused the push of wave/s1/merged: …`.
 */
export function failureText(error: unknown): string {
  const where: string[] = [];
  let current: unknown = error;
  while (current instanceof TemporalFailure && current.cause) {
    if (current instanceof ActivityFailure) {
      where.push(`${current.activityType}${current.identity ? ` on ${current.identity}` : ''}`);
    } else if (current instanceof ChildWorkflowFailure) {
      where.push(current.execution.workflowId ?? 'a child workflow');
    }
    current = current.cause;
  }
  const message = current instanceof Error ? current.message : String(current);
  return where.length ? `${where.join(' → ')}: ${message}` : message;
}
