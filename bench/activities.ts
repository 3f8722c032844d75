import { Context } from '@temporalio/activity';
import type { SimulatedExecutorConfig } from '../src/model/simulation';
import { runDomainInProcess } from './lib/peers';

/** The alternative design measured by the benchmark: one activity runs a whole domain (all four phases). */
export async function runWholeDomain(input: {
  storyId: string;
  domain: string;
  executor: SimulatedExecutorConfig;
}): Promise<number> {
  Context.current().heartbeat();
  return runDomainInProcess(input);
}

export type BenchActivities = { runWholeDomain: typeof runWholeDomain };
