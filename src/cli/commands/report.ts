import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { writeStoryReport } from '../../reporting/write-report';
import { parse } from '../args';
import { EXIT } from '../errors';
import { openSession } from '../session';

/** Where `wave report` writes unless `--out` says otherwise. */
export const DEFAULT_REPORT_DIR = 'wave-reports';

/** `wave report <id> [--out DIR]`: writes the story's report as Markdown and HTML and prints the two paths. */
export async function reportCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({
    args: input.args,
    options: { out: { type: 'string', default: DEFAULT_REPORT_DIR } },
  });
  const [storyId, ...rest] = positionals;
  if (!storyId || rest.length) throw new UserError('usage: wave report <story-id> [--out DIR]');
  if (!values.out) throw new UserError('--out needs a directory');
  const session = await openSession({ config: input.config, worker: 'if-started' });
  try {
    const paths = await writeStoryReport({ client: session.client, storyId, outDir: values.out });
    console.log(paths.markdownPath);
    console.log(paths.htmlPath);
    return EXIT.succeeded;
  } finally {
    await session.close();
  }
}
