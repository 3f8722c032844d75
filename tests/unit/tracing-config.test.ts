import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { loadConfig } from '../../src/config/load-config';
import { ConfigError } from '../../src/model/user-errors';
import { shutdownTracing, tracingPlugin } from '../../src/observability/tracing';

/** A folder without a wave.config.json: only the environment configures. */
const cwd = mkdtempSync(join(tmpdir(), 'wave-tracing-config-'));

describe('observability.tracing', () => {
  test('is off by default', () => {
    expect(loadConfig({ env: {}, cwd }).observability.tracing).toBe('off');
  });

  test('WAVE_TRACING sets it', () => {
    expect(loadConfig({ env: { WAVE_TRACING: 'otlp' }, cwd }).observability.tracing).toBe('otlp');
    expect(loadConfig({ env: { WAVE_TRACING: 'console' }, cwd }).observability.tracing).toBe('console');
  });

  test('an unknown WAVE_TRACING value is a ConfigError naming the field', () => {
    const load = () => loadConfig({ env: { WAVE_TRACING: 'jaeger' }, cwd });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/tracing/);
  });
});

describe('tracingPlugin', () => {
  test("'off' gives no plugin", async () => {
    const plugin = tracingPlugin({ mode: 'off', serviceName: 'wave-worker' });
    expect(plugin).toBeUndefined();
    await expect(shutdownTracing(plugin)).resolves.toBeUndefined();
  });

  test("'console' exports each span at once; 'otlp' batches", async () => {
    const consolePlugin = tracingPlugin({
      mode: 'console',
      serviceName: 'wave-cli',
      exporter: new InMemorySpanExporter(),
    });
    const otlpPlugin = tracingPlugin({ mode: 'otlp', serviceName: 'wave-worker' });
    expect(consolePlugin).toBeInstanceOf(OpenTelemetryPlugin);
    expect(consolePlugin?.otelOptions.spanProcessor).toBeInstanceOf(SimpleSpanProcessor);
    expect(otlpPlugin?.otelOptions.spanProcessor).toBeInstanceOf(BatchSpanProcessor);
    expect(otlpPlugin?.otelOptions.resource.attributes['service.name']).toBe('wave-worker');
    expect(otlpPlugin?.otelOptions.tracer).toBeDefined();
    await shutdownTracing(consolePlugin);
    await shutdownTracing(otlpPlugin);
  });
});
