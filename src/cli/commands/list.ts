import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { listStories } from '../../temporal/story-client';
import type { WaveStatusValue } from '../../workflow-safe/search-attributes';
import { WAVE_STATUS_VALUES } from '../../workflow-safe/search-attributes';
import { outputFormat, parse } from '../args';
import { renderList } from '../render';
import { openSession } from '../session';

/** `wave list`: the most recent story runs. */
export async function listCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({
    args: input.args,
    options: {
      output: { type: 'string', default: 'text' },
      limit: { type: 'string', default: '20' },
      status: { type: 'string' },
    },
  });
  if (positionals.length) throw new UserError('usage: wave list [--limit N] [--status S] [--output text|json]');
  const waveStatus = values.status;
  if (waveStatus !== undefined && !isWaveStatus(waveStatus)) {
    throw new UserError(`--status must be one of ${WAVE_STATUS_VALUES.join(', ')}`);
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UserError('--limit must be a whole number from 1 to 1000');
  const format = outputFormat(values.output);
  const session = await openSession({ config: input.config, worker: 'never' });
  try {
    const rows = await listStories({ client: session.client, limit, ...(waveStatus ? { waveStatus } : {}) });
    console.log(format === 'json' ? JSON.stringify(rows, null, 2) : renderList(rows));
    return 0;
  } finally {
    await session.close();
  }
}

function isWaveStatus(value: string): value is WaveStatusValue {
  return (WAVE_STATUS_VALUES as readonly string[]).includes(value);
}
