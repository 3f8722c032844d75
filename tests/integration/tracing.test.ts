import { randomUUID } from 'node:crypto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { RunReport } from '../../src/model/report';
import { flushTracing, shutdownTracing, tracingPlugin } from '../../src/observability/tracing';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import type { DevServer } from '../../src/temporal/dev-server';
import { createWaveWorker } from '../../src/temporal/worker-factory';
import { domainWorkflowId, storyWorkflowId } from '../../src/workflow-safe/ids';
import { storyWorkflow } from '../../src/workflows';
import { startServer } from '../helpers/harness';

function rejectAfter(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

/**
 * One two-domain story through a client and a worker that share the tracing plugin (the worker bundles the workflows
 * itself, so the plugin's workflow interceptors are in the bundle); spans go to an in-memory exporter.
 */
describe('OpenTelemetry tracing through the SDK plugin', () => {
  const exporter = new InMemorySpanExporter();
  const storyId = `trace-${randomUUID().slice(0, 8)}`;
  let server: DevServer;
  let tracing: OpenTelemetryPlugin;
  let report: RunReport;
  let spans: ReadableSpan[];

  beforeAll(async () => {
    server = await startServer();
    const plugin = tracingPlugin({ mode: 'console', serviceName: 'wave-cli', exporter });
    if (!plugin) throw new Error('tracing is on: expected a plugin');
    tracing = plugin;
    const taskQueue = `test-${randomUUID()}`;
    const worker = await createWaveWorker({
      connection: server.nativeConnection,
      namespace: 'default',
      taskQueue,
      catalog: DEFAULT_CATALOG,
      shutdownGraceMs: 1000,
      tracing,
    });
    const client = new Client({ connection: server.connection, plugins: [tracing] });
    const run = client.workflow.execute(storyWorkflow, {
      taskQueue,
      workflowId: storyWorkflowId(storyId),
      args: [
        {
          storyId,
          title: 'Google login and Stripe checkout',
          domains: ['auth', 'payments'],
          executor: { kind: 'simulated', phaseMs: 10 },
        },
      ],
    });
    run.catch(() => undefined); // seen through the race below
    // A run that never finishes (say, failing workflow tasks) fails the file instead of leaving the worker running.
    report = await worker.runUntil(Promise.race([run, rejectAfter(60_000, 'the traced run did not finish in 60 s')]));
    await flushTracing(tracing);
    spans = exporter.getFinishedSpans();
  }, 180_000);

  afterAll(async () => {
    await shutdownTracing(tracing);
    await server?.stop();
  });

  const named = (name: string) => spans.filter((s) => s.name === name);
  const byId = () => new Map(spans.map((s) => [s.spanContext().spanId, s]));

  /** Span names from the span up to the root (the span first). */
  function ancestry(span: ReadableSpan): string[] {
    const index = byId();
    const chain: string[] = [];
    for (let at: ReadableSpan | undefined = span; at; at = at.parentSpanId ? index.get(at.parentSpanId) : undefined) {
      chain.push(at.name);
      if (at.parentSpanId && !index.has(at.parentSpanId)) chain.push(`<missing parent ${at.parentSpanId}>`);
    }
    return chain;
  }

  test('the run succeeds', () => {
    expect(report.outcome).toBe('succeeded');
    expect(report.domains.map((d) => d.domain).sort()).toEqual(['auth', 'payments']);
  });

  test('client, workflow, child and activity spans are all there', () => {
    expect(named('StartWorkflow:storyWorkflow')).toHaveLength(1);
    expect(named('RunWorkflow:storyWorkflow')).toHaveLength(1);
    expect(named('StartChildWorkflow:domainWorkflow')).toHaveLength(2);
    expect(named('RunWorkflow:domainWorkflow')).toHaveLength(2);
    // plan, review, implement, test in each of the two domains
    expect(named('StartActivity:runPhase')).toHaveLength(8);
    expect(named('RunActivity:runPhase')).toHaveLength(8);
  });

  test('every span belongs to one trace, and the only root is the client start span', () => {
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => s.name)).toEqual(['StartWorkflow:storyWorkflow']);
    expect(roots[0]?.attributes.temporalWorkflowId).toBe(storyWorkflowId(storyId));
  });

  test("each domain's workflow and phases chain up to the client start span", () => {
    for (const domainRun of named('RunWorkflow:domainWorkflow')) {
      expect(ancestry(domainRun)).toEqual([
        'RunWorkflow:domainWorkflow',
        'StartChildWorkflow:domainWorkflow',
        'RunWorkflow:storyWorkflow',
        'StartWorkflow:storyWorkflow',
      ]);
    }
    const runs = named('RunActivity:runPhase');
    for (const run of runs) {
      expect(ancestry(run)).toEqual([
        'RunActivity:runPhase',
        'StartActivity:runPhase',
        'RunWorkflow:domainWorkflow',
        'StartChildWorkflow:domainWorkflow',
        'RunWorkflow:storyWorkflow',
        'StartWorkflow:storyWorkflow',
      ]);
    }
    // Four phases under each domain's workflow span, run by that domain's workflow.
    for (const domain of ['auth', 'payments']) {
      const workflowId = domainWorkflowId({ storyId, domain });
      const mine = runs.filter((r) => r.attributes.temporalWorkflowId === workflowId);
      expect(mine).toHaveLength(4);
      const domainSpans = new Set(mine.map((r) => byId().get(r.parentSpanId ?? '')?.parentSpanId));
      expect(domainSpans.size).toBe(1);
    }
  });

  test('spans carry the service name, from the workflow sandbox and from the worker alike', () => {
    for (const name of ['StartWorkflow:storyWorkflow', 'RunWorkflow:storyWorkflow', 'RunActivity:runPhase']) {
      expect(named(name)[0]?.resource.attributes['service.name']).toBe('wave-cli');
    }
  });

  test('a prebuilt workflow bundle cannot be traced: a clear error instead of silently missing workflow spans', async () => {
    await expect(
      createWaveWorker({
        connection: server.nativeConnection,
        namespace: 'default',
        taskQueue: `test-${randomUUID()}`,
        catalog: DEFAULT_CATALOG,
        workflowBundle: { code: '', sourceMap: '' },
        tracing,
      }),
    ).rejects.toThrow(/tracing needs the worker to bundle the workflows itself.*omit workflowBundle/);
  });
});
