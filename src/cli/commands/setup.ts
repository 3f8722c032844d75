import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { resolveServerTarget } from '../../temporal/connection';
import { portOpen } from '../../temporal/dev-server';
import { setupSearchAttributes } from '../../temporal/search-attribute-setup';
import { parse } from '../args';
import { openSession } from '../session';

/**
 * `wave setup`: registers WAVE's search attributes on the configured namespace (idempotent). A local server that is
 * not running needs nothing: the embedded server registers them when it starts.
 */
export async function setupCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { positionals } = parse({ args: input.args, options: {} });
  if (positionals.length) throw new UserError('usage: wave setup');
  const { config } = input;
  const target = resolveServerTarget({ localPort: config.local.port });
  if (target.kind === 'local' && !(await portOpen(config.local.port))) {
    console.log(
      `No Temporal server is running at ${target.address}, so there is nothing to set up: the embedded server ` +
        "registers WAVE's search attributes when it starts. Set TEMPORAL_ADDRESS or TEMPORAL_PROFILE to set up another server.",
    );
    return 0;
  }
  const session = await openSession({ config, worker: 'never', requireRunning: true });
  try {
    const { namespace, address } = session.target;
    const result = await setupSearchAttributes({ connection: session.client.connection, namespace });
    for (const { name, type } of result.added) console.log(`Added search attribute ${name} (${type})`);
    if (result.present.length) console.log(`Already registered: ${result.present.join(', ')}`);
    console.log(
      result.added.length
        ? `Registered ${result.added.length} search attribute(s) on namespace ${namespace} at ${address}`
        : `All of WAVE's search attributes are registered on namespace ${namespace} at ${address}`,
    );
    return 0;
  } finally {
    await session.close();
  }
}
