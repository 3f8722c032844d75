import type { Client } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import type { LoadedDataConverter } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  decodeOptionalSinglePayload,
} from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import { storyIdFrom, storyWorkflowId } from '../workflow-safe/ids';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Failure = temporal.api.failure.v1.IFailure;

const GRPC_NOT_FOUND = 5;
const FETCH_CONCURRENCY = 16;

/**
 * The histories of a story's workflow and of every domain child it started (children not started yet are left out),
 * with activity summaries and failure messages decoded through the client's data converter (the codec may have
 * encrypted them). The id may be a story id or its workflow id, as with `wave status`.
 */
export async function fetchStoryHistories(input: {
  client: Client;
  id: string;
}): Promise<{ storyId: string; histories: History[] }> {
  const converter = input.client.options.loadedDataConverter;
  const { storyId, history: parent } = await fetchParent(input);
  const childIds = [
    ...new Set(
      (parent.events ?? []).flatMap(
        (event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? [],
      ),
    ),
  ];
  const children: History[] = [];
  for (let i = 0; i < childIds.length; i += FETCH_CONCURRENCY) {
    const batch = childIds.slice(i, i + FETCH_CONCURRENCY).map((id) => fetchIfExists({ client: input.client, id }));
    children.push(...(await Promise.all(batch)).filter((history): history is History => history !== undefined));
  }
  const histories = await Promise.all([parent, ...children].map((history) => decodeHistory({ history, converter })));
  return { storyId, histories };
}

/** The story's own history; like `wave status`, the id is tried as a story id first, then as a workflow id. */
async function fetchParent(input: { client: Client; id: string }): Promise<{ storyId: string; history: History }> {
  const candidates = input.id.startsWith('wave-') ? [input.id, storyIdFrom(input.id)] : [input.id];
  for (const storyId of candidates) {
    const history = await fetchIfExists({ client: input.client, id: storyWorkflowId(storyId) });
    if (history) return { storyId, history };
  }
  throw new Error(`no workflow history for story ${input.id}`);
}

async function fetchIfExists(input: { client: Client; id: string }): Promise<History | undefined> {
  try {
    return await input.client.workflow.getHandle(input.id).fetchHistory();
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) return undefined;
    throw err;
  }
}

/** Re-encodes what the timeline reads (summaries, failure messages) as plain payloads and text. */
async function decodeHistory(input: { history: History; converter: LoadedDataConverter }): Promise<History> {
  const events = await Promise.all(
    (input.history.events ?? []).map((event) => decodeEvent({ event, converter: input.converter })),
  );
  return { events };
}

async function decodeEvent(input: { event: HistoryEvent; converter: LoadedDataConverter }): Promise<HistoryEvent> {
  const { event, converter } = input;
  const started = event.activityTaskStartedEventAttributes;
  const failed = event.activityTaskFailedEventAttributes;
  const timedOut = event.activityTaskTimedOutEventAttributes;
  if (event.userMetadata?.summary) {
    const summary = await decodeOptionalSinglePayload(converter, event.userMetadata.summary).catch(() => undefined);
    return typeof summary === 'string'
      ? { ...event, userMetadata: { summary: defaultPayloadConverter.toPayload(summary) } }
      : event;
  }
  if (started?.lastFailure) {
    const lastFailure = await decodeFailure({ failure: started.lastFailure, converter });
    return { ...event, activityTaskStartedEventAttributes: { ...started, lastFailure } };
  }
  if (failed?.failure) {
    const failure = await decodeFailure({ failure: failed.failure, converter });
    return { ...event, activityTaskFailedEventAttributes: { ...failed, failure } };
  }
  if (timedOut?.failure) {
    const failure = await decodeFailure({ failure: timedOut.failure, converter });
    return { ...event, activityTaskTimedOutEventAttributes: { ...timedOut, failure } };
  }
  return event;
}

/** A failure whose message (and its cause's) the converter may have moved into encrypted attributes. */
async function decodeFailure(input: { failure: Failure; converter: LoadedDataConverter }): Promise<Failure> {
  if (!input.failure.encodedAttributes && !input.failure.cause?.encodedAttributes) return input.failure;
  const error = await decodeOptionalFailureToOptionalError(input.converter, input.failure).catch(() => undefined);
  if (!error) return input.failure;
  const cause = error.cause instanceof Error ? { message: error.cause.message } : undefined;
  return { ...input.failure, message: error.message, ...(cause ? { cause } : {}) };
}
