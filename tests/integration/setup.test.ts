import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { connectWorker, resolveServerTarget } from '../../src/temporal/connection';
import { devServerExecutable } from '../../src/temporal/dev-server';
import type { OperatorConnection } from '../../src/temporal/search-attribute-setup';
import { checkSearchAttributesForWorker, missingSearchAttributes } from '../../src/temporal/search-attribute-setup';
import { createWaveWorker } from '../../src/temporal/worker-factory';
import { WAVE_SEARCH_ATTRIBUTES } from '../../src/workflow-safe/search-attributes';
import { wave } from '../helpers/cli';
import { killWorkerProcesses, startWorkerProcess } from '../helpers/worker-process';

const { IndexedValueType } = temporal.api.enums.v1;
const NAMES = WAVE_SEARCH_ATTRIBUTES.map((key) => key.name);

// A server WITHOUT WAVE's search attributes (unlike startTestServer), with two more namespaces.
let env: TestWorkflowEnvironment;
let cliEnv: (namespace: string) => Record<string, string>;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      ip: '127.0.0.1',
      ui: false,
      extraArgs: ['--log-level', 'error', '--namespace', 'conflict', '--namespace', 'bare'],
    },
  });
  // Only the server chosen here: a TEMPORAL_* setting of the outer environment must not leak in.
  cliEnv = (namespace) => ({
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_PROFILE: '',
    TEMPORAL_API_KEY: '',
    WAVE_CONFIG: '',
  });
});
afterAll(async () => {
  killWorkerProcesses();
  await env?.teardown();
});

const customAttributes = async (namespace: string) =>
  (await env.connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};

test('wave setup registers the four search attributes once; a second run reports them present', async () => {
  expect(await missingSearchAttributes({ connection: env.connection, namespace: 'default' })).toEqual(NAMES);

  const first = await wave({ args: ['setup'], env: cliEnv('default') });
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  for (const name of NAMES) expect(first.stdout).toContain(`Added search attribute ${name}`);
  expect(first.stdout).toMatch(/Registered 4 search attribute\(s\) on namespace default/);

  expect(await customAttributes('default')).toMatchObject({
    WaveStatus: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    WaveDomains: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    WaveFailedDomains: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    WaveBudgetUsed: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  });
  // The worker's check reads through a NativeConnection too.
  expect(await missingSearchAttributes({ connection: env.nativeConnection, namespace: 'default' })).toEqual([]);

  const second = await wave({ args: ['setup'], env: cliEnv('default') });
  expect(second.code).toBe(0);
  expect(second.stdout).not.toContain('Added');
  expect(second.stdout).toContain(`Already registered: ${NAMES.join(', ')}`);
  expect(second.stdout).toMatch(/All of WAVE's search attributes are registered on namespace default/);
});

test('an attribute registered with another type: exit 2, one line, nothing added', async () => {
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'conflict',
    searchAttributes: { WaveStatus: IndexedValueType.INDEXED_VALUE_TYPE_INT },
  });
  const result = await wave({ args: ['setup'], env: cliEnv('conflict') });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toEqual([
    'wave: search attributes on namespace conflict have the wrong type: WaveStatus is Int (WAVE needs Keyword); remove them or use another namespace',
  ]);
  const registered = await customAttributes('conflict');
  expect(registered.WaveStatus).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
  expect(Object.keys(registered).filter((name) => name.startsWith('Wave'))).toEqual(['WaveStatus']);
});

test('a worker on a namespace without the attributes stops with one line naming them and `wave setup`', async () => {
  const line =
    'search attributes WaveStatus, WaveDomains, WaveFailedDomains, WaveBudgetUsed are not registered on namespace bare: run `wave setup`';
  await expect(
    createWaveWorker({
      connection: env.nativeConnection,
      namespace: 'bare',
      taskQueue: 'setup-test',
      catalog: DEFAULT_CATALOG,
    }),
  ).rejects.toThrow(line);

  // The worker process (`npm run worker`) on the same namespace: that line, exit 1, no stack.
  const worker = await startWorkerProcess({ ...cliEnv('bare'), WAVE_TASK_QUEUE: 'setup-test' });
  expect(await worker.exited).toBe(1);
  expect(worker.output().trim().split('\n')).toEqual([`wave worker: ${line}`]);
});

test('the worker connection gets the resolved TLS settings (TLS to this plain-text server fails)', async () => {
  const target = (extra: Record<string, string>) =>
    resolveServerTarget({ env: { TEMPORAL_ADDRESS: env.address, ...extra }, localPort: 1 });
  const plain = await connectWorker(target({}));
  await plain.close();
  await expect(connectWorker(target({ TEMPORAL_TLS: 'true' }))).rejects.toThrow(/transport/i);
});

test('when the check is not permitted (Temporal Cloud API keys), the worker warns and continues', async () => {
  const denied = Object.assign(new Error('7 PERMISSION_DENIED: Request unauthorized.'), {
    code: 7,
    details: 'Request unauthorized.',
    metadata: {},
  });
  const connection = {
    operatorService: { listSearchAttributes: () => Promise.reject(denied) },
  } as unknown as OperatorConnection;
  const warnings: string[] = [];
  await checkSearchAttributesForWorker({ connection, namespace: 'wave.a1b2c', warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([
    "cannot check WAVE's search attributes on namespace wave.a1b2c (Request unauthorized.); make sure they are registered",
  ]);
});
