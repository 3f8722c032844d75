import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { ObservabilityConfig } from './config';

export type TracingMode = ObservabilityConfig['tracing'];

/**
 * The SDK's OpenTelemetry plugin for a client and a worker (the same instance serves both), or `undefined` when
 * tracing is off. Client, activity and workflow spans (`StartWorkflow:storyWorkflow`, `RunWorkflow:…`,
 * `StartChildWorkflow:domainWorkflow`, `StartActivity:runPhase`, `RunActivity:runPhase`, …) go to one span processor:
 * batched to OTLP over HTTP (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `OTEL_EXPORTER_OTLP_ENDPOINT`, read by the
 * exporter; default `http://localhost:4318/v1/traces`), or written to stdout at once for `console`. `exporter`
 * replaces the OTLP or console exporter (tests pass an in-memory one). Call {@link shutdownTracing} before the process
 * exits so buffered spans are sent.
 */
export function tracingPlugin(input: {
  mode: TracingMode;
  /** `service.name` of the spans: `wave-worker` (`npm run worker`) or `wave-cli` (`wave` and the worker it may run). */
  serviceName: string;
  exporter?: SpanExporter;
}): OpenTelemetryPlugin | undefined {
  if (input.mode === 'off') return undefined;
  registerContextPropagation();
  const spanProcessor: SpanProcessor =
    input.mode === 'console'
      ? new SimpleSpanProcessor(input.exporter ?? new ConsoleSpanExporter())
      : new BatchSpanProcessor(input.exporter ?? new OTLPTraceExporter());
  const resource = new Resource({ ...Resource.default().attributes, 'service.name': input.serviceName });
  // The plugin's client and activity interceptors use the global tracer unless given one: give them a tracer on the
  // same processor and resource as the workflow spans (which reach the processor through the plugin's sink).
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  return new OpenTelemetryPlugin({ resource, spanProcessor, tracer: provider.getTracer('wave') });
}

/** Sends the spans still buffered, and goes on tracing. */
export async function flushTracing(plugin: OpenTelemetryPlugin | undefined): Promise<void> {
  await plugin?.otelOptions.spanProcessor.forceFlush();
}

/** Sends the spans still buffered and stops the plugin's exporter (after the worker has stopped). */
export async function shutdownTracing(plugin: OpenTelemetryPlugin | undefined): Promise<void> {
  await plugin?.otelOptions.spanProcessor.shutdown();
}

let registered = false;

/**
 * A span started around a client call must be the active one when the interceptor writes the trace header, and an
 * activity must read its parent from that header: both need a context manager and a propagator, which the API leaves
 * as no-ops until they are registered. Registered once per process; one already installed (say by the OpenTelemetry
 * Node SDK) is kept.
 */
function registerContextPropagation(): void {
  if (registered) return;
  registered = true;
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) manager.disable();
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}
