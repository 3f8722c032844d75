import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { DevServer } from '../../src/temporal/dev-server';
import { storyWorkflowId, domainWorkflowId } from '../../src/workflow-safe/ids';
import {
  WAVE_BUDGET_USED,
  WAVE_DOMAINS,
  WAVE_FAILED_DOMAINS,
  WAVE_STATUS,
  WAVE_STATUS_VALUES,
} from '../../src/workflow-safe/search-attributes';
import { storyWorkflow } from '../../src/workflows';
import { wave } from '../helpers/cli';
import { startServer } from '../helpers/harness';
import { eventuallyValue, freePort } from '../helpers/processes';
import type { WorkerProcess } from '../helpers/worker-process';
import { startWorkerProcess, stopServerAndWorkers } from '../helpers/worker-process';

/** A worker process with metrics and JSON logs, and one story with a tolerated non-critical failure. */
describe('a run as an operator sees it: search attributes, details, metrics and logs', () => {
  let server: DevServer;
  let worker: WorkerProcess;
  let metricsAddress: string;
  const taskQueue = `observability-${process.pid}`;
  const storyId = `observed-${process.pid}`;

  beforeAll(async () => {
    server = await startServer();
    metricsAddress = `127.0.0.1:${await freePort()}`;
    worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: server.address,
      WAVE_TASK_QUEUE: taskQueue,
      WAVE_METRICS_ADDRESS: metricsAddress,
      WAVE_LOG_FORMAT: 'json',
      WAVE_LOG_LEVEL: 'debug',
    });
    const report = await server.client.workflow.execute(storyWorkflow, {
      taskQueue,
      workflowId: storyWorkflowId(storyId),
      args: [
        {
          storyId,
          title: 'Add Google login with a settings dashboard',
          domains: ['auth', 'ui'],
          policy: { toleratedFailures: 1 },
          executor: {
            kind: 'simulated',
            phaseMs: 10,
            domains: { ui: { failures: [{ phase: 'test', kind: 'permanent' }] } },
          },
        },
      ],
    });
    expect(report.outcome).toBe('partial');
  });

  afterAll(() => stopServerAndWorkers(server));

  test('search attributes hold the outcome, domains, failed domains and budget; WaveStatus filters the list', async () => {
    const description = await server.client.workflow.getHandle(storyWorkflowId(storyId)).describe();
    const attributes = description.typedSearchAttributes;
    expect(attributes.get(WAVE_STATUS)).toBe('partial');
    expect(attributes.get(WAVE_DOMAINS)?.sort()).toEqual(['auth', 'ui']);
    expect(attributes.get(WAVE_FAILED_DOMAINS)).toEqual(['ui']);
    expect(attributes.get(WAVE_BUDGET_USED)).toBeGreaterThan(0);
    const listed = await eventuallyValue(async () => {
      const ids: string[] = [];
      for await (const run of server.client.workflow.list({
        query: `WaveStatus = "partial" AND WaveFailedDomains = "ui"`,
      }))
        ids.push(run.workflowId);
      return ids.includes(storyWorkflowId(storyId)) ? ids : undefined;
    });
    expect(listed).toEqual([storyWorkflowId(storyId)]);
    const env = { TEMPORAL_ADDRESS: server.address };
    const partial = await wave({ args: ['list', '--status', 'partial', '--output', 'json'], env });
    expect(JSON.parse(partial.stdout)).toEqual([
      expect.objectContaining({ storyId, status: 'completed', waveStatus: 'partial' }),
    ]);
    const succeeded = await wave({ args: ['list', '--status', 'succeeded'], env });
    expect(succeeded.stdout.trim()).toBe('No story runs yet.');
    const bad = await wave({ args: ['list', '--status', 'weird'], env });
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      `wave: --status must be one of ${WAVE_STATUS_VALUES.join(', ')}`,
    ]);
  });

  test('the run and its children carry summaries, details and a current-details table', async () => {
    const parent = server.client.workflow.getHandle(storyWorkflowId(storyId));
    const parentDetails = await parent.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(parentDetails.currentDetails).toMatch(/\| auth \| yes \| 0 \| succeeded \| 4 \|/);
    expect(parentDetails.currentDetails).toMatch(/\| ui \| no \| 0 \| \*\*failed\*\* \|/);
    const child: WorkflowExecutionDescription = await server.client.workflow
      .getHandle(domainWorkflowId({ storyId, domain: 'ui' }))
      .describe();
    expect(await child.staticSummary()).toBe('ui · layer 0');
    expect(await child.staticDetails()).toMatch(/\*\*ui\*\* of “Add Google login with a settings dashboard”/);
    const childDetails = await server.client.workflow
      .getHandle(domainWorkflowId({ storyId, domain: 'auth' }))
      .query<{ currentDetails: string; definition: { queryDefinitions: { name: string; description?: string }[] } }>(
        '__temporal_workflow_metadata',
      );
    expect(childDetails.currentDetails).toMatch(/^\*\*auth\*\* — finished/);
    expect(childDetails.currentDetails).toMatch(/\| implement \| 0 \| done \|/);
    expect(childDetails.definition.queryDefinitions.find((q) => q.name === 'progress')?.description).toMatch(/phase/);
  });

  test('the current details are live: a running domain and its running phase show while the run goes on', async () => {
    const id = `${storyId}-live`;
    const handle = await server.client.workflow.start(storyWorkflow, {
      taskQueue,
      workflowId: storyWorkflowId(id),
      args: [
        { storyId: id, title: 'Add an API endpoint', domains: ['api'], executor: { kind: 'simulated', phaseMs: 600 } },
      ],
    });
    type Metadata = { currentDetails: string };
    const parent = await eventuallyValue(async () => {
      const { currentDetails } = await handle.query<Metadata>('__temporal_workflow_metadata');
      return /\| api \| no \| 0 \| running \|/.test(currentDetails) ? currentDetails : undefined;
    });
    expect(parent).toMatch(/— running · layer 1 of 1/);
    const child = server.client.workflow.getHandle(domainWorkflowId({ storyId: id, domain: 'api' }));
    const running = await eventuallyValue(async () => {
      const { currentDetails } = await child.query<Metadata>('__temporal_workflow_metadata');
      return /running (review|implement)/.test(currentDetails) ? currentDetails : undefined;
    });
    expect(running).toMatch(/\| plan \| 0 \| done \|/);
    expect((await handle.result()).outcome).toBe('succeeded');
    const { currentDetails } = await handle.query<Metadata>('__temporal_workflow_metadata');
    expect(currentDetails).toMatch(/\| api \| no \| 0 \| succeeded \| 4 \|/);
  });

  test('the metrics endpoint serves WAVE’s counters and phase durations beside the SDK’s metrics', async () => {
    const text = await eventuallyValue(async () => {
      const body = await (await fetch(`http://${metricsAddress}/metrics`)).text();
      return body.includes('wave_runs') ? body : undefined;
    });
    const sample = (name: string, labels: Record<string, string>) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`))
        .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
        .map((line) => Number(line.split(' ').pop()));
    expect(sample('wave_runs', { outcome: 'partial' })).toEqual([1]);
    expect(sample('wave_domains', { domain: 'auth', status: 'succeeded' })).toEqual([1]);
    expect(sample('wave_domains', { domain: 'ui', status: 'failed' })).toEqual([1]);
    expect(sample('wave_phase_duration_count', { domain: 'auth', phase: 'implement', result: 'ok' })).toEqual([1]);
    expect(sample('wave_phase_duration_count', { domain: 'ui', phase: 'test', result: 'error' })[0]).toBeGreaterThan(0);
    expect(sample('wave_budget_used_tokens', { domain: 'auth' })[0]).toBeGreaterThan(0);
    expect(text).toMatch(/^temporal_workflow_completed\{/m);
  });

  test('JSON logs: one object per line, with the story, domain and phase on the run’s lines', () => {
    const lines = worker
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const finished = lines.filter((l) => l.msg === 'phase finished');
    expect(finished.length).toBeGreaterThanOrEqual(7);
    for (const line of finished) {
      expect(line).toMatchObject({
        level: 'info',
        storyId: expect.stringContaining(storyId),
        phase: expect.any(String),
        domain: expect.any(String),
      });
    }
    // The SDK's own lines about a phase: "Activity started" comes before the input is decoded, so it has no phase yet.
    const sdkActivityLines = lines.filter((l) => l.activityType === 'runPhase' && l.msg !== 'phase finished');
    expect(sdkActivityLines.filter((l) => l.msg === 'Activity completed').length).toBeGreaterThanOrEqual(7);
    for (const line of sdkActivityLines) {
      expect(line).toMatchObject({ storyId: expect.stringContaining(storyId), domain: expect.any(String) });
      if (line.msg !== 'Activity started') expect(line).toMatchObject({ phase: expect.any(String) });
    }
    const workflowLines = lines.filter((l) => l.workflowType === 'domainWorkflow');
    for (const line of workflowLines)
      expect(line).toMatchObject({ storyId: expect.stringContaining(storyId), domain: expect.any(String) });
  });
});
