#!/usr/bin/env node
import { loadConfig } from './config/load-config';
import { workerOptionsFromConfig } from './config/worker-options';
import { installRuntime } from './observability/runtime';
import { shutdownTracing, tracingPlugin } from './observability/tracing';
import { connectWorker, resolveServerTarget } from './temporal/connection';
import { createWaveWorker } from './temporal/worker-factory';

/**
 * The long-running worker (`npm run worker`): connects to the configured Temporal server (or the local one on the
 * configured port) and runs WAVE's workflows and phases until SIGINT/SIGTERM, then drains within the grace period.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  installRuntime({ observability: config.observability });
  const target = resolveServerTarget({ localPort: config.local.port });
  const tracing = tracingPlugin({ mode: config.observability.tracing, serviceName: 'wave-worker' });
  const connection = await connectWorker(target);
  const worker = await createWaveWorker({
    connection,
    namespace: target.namespace,
    ...workerOptionsFromConfig(config),
    ...(tracing ? { tracing } : {}),
  });
  const metrics = config.observability.metricsAddress;
  console.log(
    `wave worker${config.codecKeys ? ' (payloads encrypted)' : ''}: task queue "${config.taskQueue}" on ${target.address} (namespace ${target.namespace}); host ${worker.host.id}` +
      (metrics ? `; metrics on http://${metrics}/metrics` : '') +
      (tracing ? `; tracing to ${config.observability.tracing}` : ''),
  );
  try {
    await worker.run();
  } finally {
    await shutdownTracing(tracing); // sends the spans still buffered
    await connection.close();
  }
}

run().catch((err) => {
  console.error(`wave worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
