import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { cancelStory } from '../../temporal/story-client';
import { parse } from '../args';
import { openSession } from '../session';

/** `wave cancel <id>`: asks a running story to stop; its domains stop their phases and it ends cancelled. */
export async function cancelCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { positionals } = parse({ args: input.args, options: {} });
  const [storyId, ...rest] = positionals;
  if (!storyId || rest.length) throw new UserError('usage: wave cancel <story-id>');
  const session = await openSession({ config: input.config, worker: 'never' });
  try {
    await cancelStory({ client: session.client, storyId });
    console.log(`Cancellation requested for ${storyId}`);
    return 0;
  } finally {
    await session.close();
  }
}
