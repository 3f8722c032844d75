import { randomBytes } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { completeReport } from '../activities/build-report';
import { fetchDomainResults } from '../activities/child-results';
import type { MergeDecision } from '../model/merge';
import type { DomainProgress, DomainRunProgress, StoryProgress } from '../model/progress';
import type { MergeReview, RunReport } from '../model/report';
import type { StoryRequest, StoryRequestInput } from '../model/story-request';
import { validateStoryRequest } from '../model/story-request';
import { UserError } from '../model/user-errors';
import { domainWorkflowId, newStoryId, storyIdFrom, storyWorkflowId } from '../workflow-safe/ids';
import { WAVE_STATUS } from '../workflow-safe/search-attributes';
import type { WaveStatusValue } from '../workflow-safe/search-attributes';
import { domainProgressQuery, mergeDecisionUpdate, progressQuery, storyWorkflow } from '../workflows';
import { failureText } from './failure-text';
import { runStaticDetails } from './run-static-details';

/** Validates a request at the client and gives it a story id (slug of the title plus 6 random characters). */
export function prepareRequest(input: unknown): StoryRequest & { storyId: string } {
  const validation = validateStoryRequest(input);
  if (!validation.ok) throw new UserError(validation.message);
  const storyId = validation.value.storyId ?? newStoryId({ title: validation.value.title, suffix: randomSuffix() });
  return { ...validation.value, storyId };
}

function randomSuffix(): string {
  return BigInt(`0x${randomBytes(5).toString('hex')}`)
    .toString(36)
    .padStart(6, '0')
    .slice(-6);
}

/**
 * Starts a story run. A story id is used once: starting it again while it runs, or after it finished, is a clear
 * conflict error, never a second copy.
 */
export async function startStory(input: {
  client: Client;
  taskQueue: string;
  request: StoryRequestInput & { storyId: string };
}): Promise<WorkflowHandleWithFirstExecutionRunId<typeof storyWorkflow>> {
  const workflowId = storyWorkflowId(input.request.storyId);
  try {
    return await input.client.workflow.start(storyWorkflow, {
      taskQueue: input.taskQueue,
      workflowId,
      args: [input.request],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      staticSummary: input.request.title.slice(0, 200),
      staticDetails: runStaticDetails(input.request),
      memo: { title: input.request.title },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      const status = await describeStatus({ client: input.client, storyId: input.request.storyId });
      throw new UserError(
        status === 'RUNNING'
          ? `story ${input.request.storyId} is already running (wave status ${input.request.storyId})`
          : `story ${input.request.storyId} already exists (${status?.toLowerCase() ?? 'closed'}); choose another --id`,
      );
    }
    throw err;
  }
}

async function describeStatus(input: { client: Client; storyId: string }): Promise<string | undefined> {
  try {
    return (await input.client.workflow.getHandle(storyWorkflowId(input.storyId)).describe()).status.name;
  } catch {
    return undefined;
  }
}

/** Where a run is: live progress while it runs, the report when it completed, the failure when it failed. */
export type StoryState =
  | { state: 'running'; progress: StoryProgress }
  | { state: 'completed'; report: RunReport }
  | { state: 'failed' | 'cancelled' | 'terminated' | 'timed-out'; message: string };

/**
 * Finds a story by its id; a workflow id (`wave-<storyId>`, as the Web UI shows it) works too. The id is tried as a
 * story id first, since a story id may itself start with "wave-".
 */
async function findStory(input: { client: Client; id: string }) {
  const candidates = input.id.startsWith('wave-') ? [input.id, storyIdFrom(input.id)] : [input.id];
  for (const storyId of candidates) {
    const handle = input.client.workflow.getHandle<typeof storyWorkflow>(storyWorkflowId(storyId));
    try {
      return { storyId, handle, status: (await handle.describe()).status.name };
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  throw new UserError(`no story with id ${input.id}`);
}

/** Reads a run's state, from the `progress` query (with each running domain's own phase) or the result. */
export async function readStory(input: { client: Client; storyId: string }): Promise<StoryState> {
  const { storyId, handle, status } = await findStory({ client: input.client, id: input.storyId });
  switch (status) {
    case 'RUNNING':
      return { state: 'running', progress: await liveProgress({ client: input.client, handle, storyId }) };
    case 'COMPLETED':
      return {
        state: 'completed',
        report: await finishedReport({ client: input.client, report: await handle.result() }),
      };
    case 'CANCELLED':
      return { state: 'cancelled', message: 'the run was cancelled' };
    case 'TERMINATED':
      return { state: 'terminated', message: 'the run was terminated' };
    case 'TIMED_OUT':
      return { state: 'timed-out', message: 'the run timed out' };
    default:
      return { state: 'failed', message: await failureMessage(handle) };
  }
}

/**
 * A finished run's report. One too large for workflow history arrives without its per-domain lists; they are read
 * back from the domains' child workflows, so any machine that reaches Temporal gets the whole report.
 */
async function finishedReport(input: { client: Client; report: RunReport }): Promise<RunReport> {
  const { report } = input;
  if (!report.fullReport) return report;
  const results = await fetchDomainResults({
    client: input.client,
    workflowIds: report.domains
      .filter((d) => d.status !== 'skipped')
      .map((d) => domainWorkflowId({ storyId: report.storyId, domain: d.domain })),
    missing: 'skip',
  });
  return completeReport({ report, results });
}

async function failureMessage(handle: WorkflowHandle): Promise<string> {
  try {
    await handle.result();
    return 'the run failed';
  } catch (err) {
    return failureText((err as { cause?: unknown }).cause ?? err);
  }
}

async function liveProgress(input: {
  client: Client;
  handle: WorkflowHandle<typeof storyWorkflow>;
  storyId: string;
}): Promise<StoryProgress> {
  const progress = await input.handle.query(progressQuery);
  const domains = await Promise.all(
    progress.domains.map(async (row): Promise<DomainProgress> => {
      if (row.status !== 'running') return row;
      const child = await queryDomain({ client: input.client, storyId: input.storyId, domain: row.name });
      return child ? { ...row, ...pickLive(child) } : row;
    }),
  );
  return { ...progress, domains };
}

function pickLive(child: DomainRunProgress): Partial<DomainProgress> {
  return {
    ...(child.phase ? { phase: child.phase } : {}),
    iteration: child.iteration,
    phasesDone: child.phasesDone,
    budgetUsed: child.budgetUsed,
  };
}

async function queryDomain(input: {
  client: Client;
  storyId: string;
  domain: string;
}): Promise<DomainRunProgress | undefined> {
  try {
    return await input.client.workflow
      .getHandle(domainWorkflowId({ storyId: input.storyId, domain: input.domain }))
      .query(domainProgressQuery);
  } catch {
    return undefined; // the child has not started yet, or just closed
  }
}

/** One row of `wave list`. */
export interface StorySummary {
  storyId: string;
  title: string;
  status: string;
  /** `WaveStatus`: the run's stage or outcome (absent for runs that never planned). */
  waveStatus?: string;
  startTime: string;
  closeTime?: string;
}

/** The most recent story runs, newest first; only those with that `WaveStatus` when one is given. */
export async function listStories(input: {
  client: Client;
  limit: number;
  waveStatus?: WaveStatusValue;
}): Promise<StorySummary[]> {
  const rows: StorySummary[] = [];
  for await (const wf of input.client.workflow.list({
    query: `WorkflowType = 'storyWorkflow'${input.waveStatus ? ` AND WaveStatus = '${input.waveStatus}'` : ''}`,
    pageSize: input.limit,
  })) {
    const waveStatus = wf.typedSearchAttributes.get(WAVE_STATUS);
    rows.push({
      storyId: storyIdFrom(wf.workflowId),
      title: typeof wf.memo?.title === 'string' ? wf.memo.title : '',
      status: wf.status.name.toLowerCase(),
      ...(waveStatus ? { waveStatus } : {}),
      startTime: wf.startTime.toISOString(),
      ...(wf.closeTime ? { closeTime: wf.closeTime.toISOString() } : {}),
    });
    if (rows.length >= input.limit) break;
  }
  return rows;
}

/** Requests cancellation of a running story: its domains stop their phases and it ends cancelled. */
export async function cancelStory(input: { client: Client; storyId: string }): Promise<void> {
  const { storyId, handle, status } = await findStory({ client: input.client, id: input.storyId });
  if (status !== 'RUNNING') throw new UserError(`story ${storyId} is not running (${status.toLowerCase()})`);
  await handle.cancel();
}

/** Sends a person's merge-review decision to a run waiting in `awaiting-review`; returns the recorded review. */
export async function reviewStory(input: {
  client: Client;
  storyId: string;
  decision: MergeDecision;
}): Promise<MergeReview> {
  const { storyId, handle, status } = await findStory({ client: input.client, id: input.storyId });
  if (status !== 'RUNNING')
    throw new UserError(`story ${storyId} is not waiting for a review (${status.toLowerCase()})`);
  try {
    return await handle.executeUpdate(mergeDecisionUpdate, { args: [input.decision] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new UserError(err.cause?.message ?? err.message);
    throw err;
  }
}
