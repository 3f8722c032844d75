import type { Client } from '@temporalio/client';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import type { DomainResult } from '../model/results';

const FETCH_CONCURRENCY = 32;

/**
 * The results of domain child workflows, read from Temporal a few at a time: what the aggregate step and every reader
 * of a large report use instead of a file on some worker. With `missing: 'skip'`, a child that does not exist or did
 * not complete (it never started, or it failed as a workflow) is left out instead of failing the read.
 */
export async function fetchDomainResults(input: {
  client: Client;
  workflowIds: string[];
  missing?: 'fail' | 'skip';
  onProgress?: (fetched: number) => void;
}): Promise<DomainResult[]> {
  const results: DomainResult[] = [];
  for (let i = 0; i < input.workflowIds.length; i += FETCH_CONCURRENCY) {
    const batch = input.workflowIds.slice(i, i + FETCH_CONCURRENCY).map(async (workflowId) => {
      try {
        return (await input.client.workflow.getHandle(workflowId).result()) as DomainResult;
      } catch (err) {
        const absent = err instanceof WorkflowNotFoundError || err instanceof WorkflowFailedError;
        if (input.missing === 'skip' && absent) return undefined;
        throw err;
      }
    });
    for (const result of await Promise.all(batch)) if (result) results.push(result);
    input.onProgress?.(i + FETCH_CONCURRENCY);
  }
  return results;
}
