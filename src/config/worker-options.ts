import { resolve } from 'node:path';
import { createCommandExecutor } from '../executors/command/command-executor';
import { createSimulatedExecutor } from '../executors/simulated';
import type { SupervisorSettings } from '../executors/supervisor/config';
import type { ExecutorRegistry } from '../executors/types';
import { withCodec } from '../temporal/codec';
import type { WaveWorkerOptions } from '../temporal/worker-factory';
import type { WaveConfig } from './wave-config';

/** The executors a worker has: always `simulated`, and `command` where the configuration sets it up. */
export function executorsFromConfig(config?: Pick<WaveConfig, 'executors' | 'baseDir'>): ExecutorRegistry {
  const command = config?.executors.command;
  return {
    simulated: createSimulatedExecutor(),
    ...(command ? { command: createCommandExecutor({ ...command, baseDir: config.baseDir }) } : {}),
  };
}

/** The configured supervisor command with the folder its relative paths start from, or undefined. */
export function supervisorFromConfig(
  config: Pick<WaveConfig, 'supervisor' | 'baseDir'>,
): SupervisorSettings | undefined {
  return config.supervisor ? { ...config.supervisor, baseDir: config.baseDir } : undefined;
}

/**
 * Everything of a worker that comes from the configuration: task queue, catalog, supervisor, executors, tuning and
 * payload encryption. The long-running worker and the CLI's own worker both start from it.
 */
export function workerOptionsFromConfig(
  config: WaveConfig,
): Omit<WaveWorkerOptions, 'connection' | 'namespace' | 'workflowBundle' | 'tracing'> {
  const supervisor = supervisorFromConfig(config);
  return {
    taskQueue: config.taskQueue,
    catalog: config.catalog,
    ...(supervisor ? { supervisor } : {}),
    executors: executorsFromConfig(config),
    maxConcurrentActivities: config.worker.maxConcurrentActivities,
    maxConcurrentWorkflowTasks: config.worker.maxConcurrentWorkflowTasks,
    shutdownGraceMs: config.worker.shutdownGraceMs,
    maxWorktrees: config.worker.maxWorktrees,
    stickyQueueTimeoutMs: config.worker.stickyQueueTimeoutMs,
    ...(config.worker.hostId ? { hostId: config.worker.hostId } : {}),
    ...(config.executors.command
      ? { cacheDir: resolve(config.executors.command.cacheDir), diskUseIntervalMs: config.worker.diskUseIntervalMs }
      : {}),
    ...withCodec(config),
  };
}
