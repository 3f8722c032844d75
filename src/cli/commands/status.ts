import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { readStory } from '../../temporal/story-client';
import { outputFormat, parse } from '../args';
import { EXIT, exitCodeFor } from '../errors';
import { renderProgress, renderReport } from '../render';
import { openSession } from '../session';

/** `wave status <id>`: a running story's live progress, or a finished story's report (exit code from the outcome). */
export async function statusCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({ args: input.args, options: { output: { type: 'string', default: 'text' } } });
  const [storyId, ...rest] = positionals;
  if (!storyId || rest.length) throw new UserError('usage: wave status <story-id>');
  const format = outputFormat(values.output);
  const session = await openSession({ config: input.config, worker: 'if-started' });
  try {
    const state = await readStory({ client: session.client, storyId });
    if (format === 'json') console.log(JSON.stringify(state, null, 2));
    else if (state.state === 'running') console.log(renderProgress(state.progress).join('\n'));
    else if (state.state === 'completed') console.log(renderReport(state.report));
    else console.log(`${storyId}: ${state.state} — ${state.message}`);
    if (state.state === 'running') return EXIT.succeeded;
    return state.state === 'completed' ? exitCodeFor(state.report) : EXIT.failed;
  } finally {
    await session.close();
  }
}
