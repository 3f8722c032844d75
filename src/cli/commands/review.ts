import { userInfo } from 'node:os';
import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { reviewStory } from '../../temporal/story-client';
import { outputFormat, parse } from '../args';
import { openSession } from '../session';

const USAGE = 'usage: wave review <story-id> --approve|--reject [--comment TEXT] [--as NAME]';

/** `wave review <id> --approve|--reject`: a person's decision for a run waiting for merge review. */
export async function reviewCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({
    args: input.args,
    options: {
      approve: { type: 'boolean' },
      reject: { type: 'boolean' },
      comment: { type: 'string' },
      as: { type: 'string' },
      output: { type: 'string', default: 'text' },
    },
  });
  const [storyId, ...rest] = positionals;
  if (!storyId || rest.length || values.approve === values.reject) throw new UserError(USAGE);
  const format = outputFormat(values.output);
  const session = await openSession({ config: input.config, worker: 'if-started' });
  try {
    const review = await reviewStory({
      client: session.client,
      storyId,
      decision: {
        approve: values.approve === true,
        reviewer: values.as ?? userInfo().username,
        ...(values.comment !== undefined ? { comment: values.comment } : {}),
      },
    });
    console.log(format === 'json' ? JSON.stringify(review) : `${storyId}: ${review.decision} by ${review.by}`);
    return 0;
  } finally {
    await session.close();
  }
}
