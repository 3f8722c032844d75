import type { WaveConfig } from '../../config/wave-config';
import { UserError } from '../../model/user-errors';
import { AesGcmCodec } from '../../temporal/codec';
import { startCodecServer } from '../../temporal/codec-server';
import { parse } from '../args';
import { nextStopSignal } from '../signals';

/** `wave codec-server`: decrypts payloads for the Web UI (CORS for its origin only, bearer token required). */
export async function codecServerCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({
    args: input.args,
    options: { port: { type: 'string', default: '8888' }, 'ui-origin': { type: 'string' } },
  });
  if (positionals.length) throw new UserError('usage: wave codec-server [--port N] [--ui-origin URL]');
  if (!input.config.codecKeys) throw new UserError('no codec keys: set WAVE_CODEC_KEYS or WAVE_CODEC_KEY_FILE');
  const token = process.env.WAVE_CODEC_TOKEN;
  if (!token || token.length < 16)
    throw new UserError('set WAVE_CODEC_TOKEN to a bearer token of at least 16 characters');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError('--port must be a port number');
  const uiOrigin = values['ui-origin'] ?? `http://localhost:${input.config.local.uiPort}`;
  if (!/^https?:\/\/[^/]+$/.test(uiOrigin)) throw new UserError('--ui-origin must look like http://host:port');
  const server = await startCodecServer({ codec: new AesGcmCodec(input.config.codecKeys), uiOrigin, token, port });
  console.log(`Codec server on http://127.0.0.1:${port} for ${uiOrigin} (bearer token required). Ctrl-C to stop.`);
  const stop = nextStopSignal();
  await stop.signal;
  stop.dispose();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return 0;
}
