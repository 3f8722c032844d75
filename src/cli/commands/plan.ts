import type { WaveConfig } from '../../config/wave-config';
import { supervisorFromConfig } from '../../config/worker-options';
import { planWithSupervisor } from '../../executors/supervisor/plan-with-supervisor';
import type { StoryPlan } from '../../model/plan';
import { UserError } from '../../model/user-errors';
import { prepareRequest } from '../../temporal/story-client';
import { REQUEST_FLAGS, outputFormat, parse, requestFromFlags } from '../args';
import { renderPlan } from '../render';

/**
 * Plans a request with the configured catalog and supervisor, without a server (also the client-side check before
 * `wave run`). The supervisor command runs here, with this process's environment; a worker asks it again for the run.
 */
export async function planLocally(input: { request: unknown; config: WaveConfig }) {
  const request = prepareRequest(input.request);
  const planned = await planWithSupervisor({
    request,
    storyId: request.storyId,
    catalog: input.config.catalog,
    supervisor: supervisorFromConfig(input.config),
  });
  if (!planned.ok) throw new UserError(`invalid story request: ${planned.message}`);
  return { request, plan: planned.value };
}

/** `wave plan "<story>"`: dry run, prints the domains, layers, budget shares and why each domain was chosen. */
export async function planCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({ args: input.args, options: REQUEST_FLAGS });
  if (positionals.length > 1) throw new UserError('wave plan takes one story (quote it)');
  const format = outputFormat(values.output);
  const { plan } = await planLocally({
    request: requestFromFlags({ story: positionals[0], values }),
    config: input.config,
  });
  print(plan, format);
  return 0;
}

function print(plan: StoryPlan, format: 'text' | 'json'): void {
  console.log(format === 'json' ? JSON.stringify(plan, null, 2) : renderPlan(plan));
}
