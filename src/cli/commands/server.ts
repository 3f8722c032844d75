import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { parse } from '../args';
import { openSession } from '../session';
import { nextStopSignal } from '../signals';

/** `wave server`: the embedded dev server (SQLite in `.wave/`, Web UI) with a worker, until Ctrl-C. */
export async function serverCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { positionals } = parse({ args: input.args, options: {} });
  if (positionals.length) throw new UserError('usage: wave server');
  const session = await openSession({ config: input.config, worker: 'always' });
  try {
    if (session.target.kind === 'configured') {
      console.log(`Worker on ${session.target.address} (task queue "${session.taskQueue}"); Ctrl-C to stop.`);
    } else {
      console.log(
        `${session.startedServer ? 'Embedded Temporal dev server' : 'Temporal server already running'} at ${session.target.address}` +
          `${session.uiUrl ? `, Web UI ${session.uiUrl}` : ''}; worker on task queue "${session.taskQueue}". Ctrl-C to stop.`,
      );
    }
    const stop = nextStopSignal();
    await Promise.race([stop.signal, session.workerFailure]);
    stop.dispose();
    return 0;
  } finally {
    await session.close();
  }
}
