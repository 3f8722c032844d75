import type { OperatorService } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { temporal } from '@temporalio/proto';
import { ConfigError } from '../model/user-errors';
import { SEARCH_ATTRIBUTE_TYPE_NAME, WAVE_SEARCH_ATTRIBUTES } from '../workflow-safe/search-attributes';

/** Anything with the operator service: a client `Connection` or a worker's `NativeConnection`. */
export interface OperatorConnection {
  operatorService: OperatorService;
}

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

/** Server type of each SDK search attribute type. */
const INDEXED_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** Type names as the `temporal` CLI and the Web UI spell them, by server type. */
const TYPE_NAME: Record<number, string> = Object.fromEntries(
  (Object.keys(INDEXED_TYPE) as SearchAttributeType[]).map((type) => [
    INDEXED_TYPE[type],
    SEARCH_ATTRIBUTE_TYPE_NAME[type],
  ]),
);

const typeName = (type: number) => TYPE_NAME[type] ?? `type ${type}`;

// gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;
const UNAUTHENTICATED = 16;

type Keys = SearchAttributeKey<SearchAttributeType>[];

/** A search attribute registered on the namespace with another type than WAVE's. */
export interface SearchAttributeConflict {
  name: string;
  registered: string;
  wanted: string;
}

/** How the namespace's custom search attributes compare with WAVE's. */
export interface SearchAttributeState {
  present: string[];
  missing: string[];
  conflicts: SearchAttributeConflict[];
}

/** Compares the namespace's custom search attributes with `keys` (WAVE's by default). */
export async function inspectSearchAttributes(input: {
  connection: OperatorConnection;
  namespace: string;
  keys?: Keys;
}): Promise<SearchAttributeState> {
  const { customAttributes } = await input.connection.operatorService.listSearchAttributes({
    namespace: input.namespace,
  });
  const registered = (customAttributes ?? {}) as Record<string, number>;
  const state: SearchAttributeState = { present: [], missing: [], conflicts: [] };
  for (const key of input.keys ?? WAVE_SEARCH_ATTRIBUTES) {
    const type = registered[key.name];
    if (type === undefined) state.missing.push(key.name);
    else if (type === INDEXED_TYPE[key.type]) state.present.push(key.name);
    else state.conflicts.push({ name: key.name, registered: typeName(type), wanted: typeName(INDEXED_TYPE[key.type]) });
  }
  return state;
}

/** The names of WAVE's search attributes that are not registered on the namespace (a worker checks at start-up). */
export async function missingSearchAttributes(input: {
  connection: OperatorConnection;
  namespace: string;
  keys?: Keys;
}): Promise<string[]> {
  return (await inspectSearchAttributes(input)).missing;
}

/** What `wave setup` did. */
export interface SetupResult {
  added: { name: string; type: string }[];
  present: string[];
}

/**
 * Registers WAVE's search attributes on the namespace through the operator service. Idempotent: registered ones are
 * reported as present. One registered with another type, or an operator service that is not permitted (Temporal
 * Cloud), is a {@link ConfigError}; nothing is added then.
 */
export async function setupSearchAttributes(input: {
  connection: OperatorConnection;
  namespace: string;
  keys?: Keys;
}): Promise<SetupResult> {
  const keys = input.keys ?? WAVE_SEARCH_ATTRIBUTES;
  const state = await operatorCall(input.namespace, () => inspectSearchAttributes({ ...input, keys }));
  if (state.conflicts.length) throw new ConfigError(describeConflicts(input.namespace, state.conflicts));
  const toAdd = keys.filter((key) => state.missing.includes(key.name));
  if (toAdd.length) {
    await operatorCall(input.namespace, () =>
      input.connection.operatorService.addSearchAttributes({
        namespace: input.namespace,
        searchAttributes: Object.fromEntries(toAdd.map((key) => [key.name, INDEXED_TYPE[key.type]])),
      }),
    );
  }
  return {
    added: toAdd.map((key) => ({ name: key.name, type: typeName(INDEXED_TYPE[key.type]) })),
    present: state.present,
  };
}

/**
 * The worker's start-up check: fails with one line when WAVE's search attributes are missing or have another type on
 * the namespace (its workflows would fail), and only warns when the check itself is refused (Temporal Cloud does not
 * offer the operator service) or not implemented; a worker that cannot connect at all fails right after anyway.
 */
export async function checkSearchAttributesForWorker(input: {
  connection: OperatorConnection;
  namespace: string;
  warn: (message: string) => void;
  keys?: Keys;
}): Promise<void> {
  let state: SearchAttributeState;
  try {
    state = await inspectSearchAttributes(input);
  } catch (err) {
    if (isGrpcServiceError(err) && [PERMISSION_DENIED, UNAUTHENTICATED, UNIMPLEMENTED].includes(err.code)) {
      input.warn(
        `cannot check WAVE's search attributes on namespace ${input.namespace} (${grpcMessage(err)}); make sure they are registered`,
      );
      return;
    }
    throw new Error(`cannot list the search attributes of namespace ${input.namespace}: ${grpcMessage(err)}`);
  }
  if (state.conflicts.length) throw new ConfigError(describeConflicts(input.namespace, state.conflicts));
  if (state.missing.length) {
    throw new ConfigError(
      `search attributes ${state.missing.join(', ')} are not registered on namespace ${input.namespace}: run \`wave setup\``,
    );
  }
}

function describeConflicts(namespace: string, conflicts: SearchAttributeConflict[]): string {
  const list = conflicts.map((c) => `${c.name} is ${c.registered} (WAVE needs ${c.wanted})`).join(', ');
  return `search attributes on namespace ${namespace} have the wrong type: ${list}; remove them or use another namespace`;
}

/** Runs an operator service call; a refusal or failure becomes one line naming the namespace. */
async function operatorCall<T>(namespace: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === PERMISSION_DENIED) {
      throw new ConfigError(
        `registering search attributes on namespace ${namespace} is not permitted (${grpcMessage(err)}); on Temporal Cloud add them with \`tcld namespace search-attributes add\` or in the Cloud UI`,
      );
    }
    throw new ConfigError(`search attributes of namespace ${namespace}: ${grpcMessage(err)}`);
  }
}

/** The first line of a gRPC error without the client's "7 PERMISSION_DENIED: " prefix. */
function grpcMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').replace(/^\d+ [A-Z_]+: /, '');
}
