import { proxyActivities } from '@temporalio/workflow';
import type { SimulatedExecutorConfig } from '../src/model/simulation';
import type { BenchActivities } from './activities';

export { storyWorkflow, domainWorkflow } from '../src/workflows';

const { runWholeDomain } = proxyActivities<BenchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
});

/** The "activity per domain" design: no child workflows, each domain's phases inside one activity. */
export async function activityPerDomainWorkflow(input: {
  storyId: string;
  domains: string[];
  executor: SimulatedExecutorConfig;
}): Promise<number> {
  const results = await Promise.all(
    input.domains.map((domain) => runWholeDomain({ storyId: input.storyId, domain, executor: input.executor })),
  );
  return results.length;
}
