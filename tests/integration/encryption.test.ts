import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { resolveTemporalCli } from '../../src/temporal/cli-binary';
import { AesGcmCodec, dataConverterFor } from '../../src/temporal/codec';
import type { CodecKey } from '../../src/temporal/codec-keys';
import { startCodecServer } from '../../src/temporal/codec-server';
import type { DevServer } from '../../src/temporal/dev-server';
import { prepareRequest, startStory } from '../../src/temporal/story-client';
import { storyWorkflowId } from '../../src/workflow-safe/ids';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

const key = (id: string): CodecKey => ({ id, key: randomBytes(32) });
const current = key('2026-11');
const previous = key('2026-10');
const TITLE = 'Add Zanzibar login with the pineapple passphrase';
const TOKEN = 'codec-token-0123456789abcdef';
const UI = 'http://localhost:8233';

let server: DevServer;
let h: Harness;
let codecServer: Server;
let codecUrl: string;

beforeAll(async () => {
  server = await startServer();
  h = await startHarness({ server, dataConverter: dataConverterFor([current, previous]) });
  codecServer = await startCodecServer({
    codec: new AesGcmCodec([current, previous]),
    uiOrigin: UI,
    token: TOKEN,
    port: 0,
  });
  const address = codecServer.address();
  codecUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => codecServer?.close(resolve));
  await h?.close();
  await server?.stop();
});

/** The history exactly as the server stores it (no codec), with every payload's bytes decoded for searching. */
function rawHistory(workflowId: string): { json: string; payloadText: string } {
  const cli = resolveTemporalCli();
  if (cli.source === 'sdk-download') throw new Error('needs the temporal CLI');
  const json = execFileSync(
    cli.path,
    ['workflow', 'show', '--workflow-id', workflowId, '--address', server.address, '--output', 'json'],
    {
      encoding: 'utf8',
    },
  );
  const data = [...json.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) =>
    Buffer.from(m[1] ?? '', 'base64').toString('latin1'),
  );
  return { json, payloadText: data.join('\n') };
}

test('with encryption on, the server never sees the story or failure messages in plain text', async () => {
  // Started the way the CLI starts runs: with the title in the memo and in the run's summary.
  const request = prepareRequest({
    storyId: 'secret-story',
    title: TITLE,
    domains: ['auth', 'ui'],
    policy: { toleratedFailures: 1 },
    executor: { kind: 'simulated', phaseMs: 10, domains: { ui: { failures: [{ phase: 'plan', kind: 'permanent' }] } } },
  });
  const report = await (await startStory({ client: h.client, taskQueue: h.taskQueue, request })).result();
  expect(report.title).toBe(TITLE); // the client with the codec reads everything
  expect(report.domains.find((d) => d.domain === 'ui')?.error?.message).toBe(
    '[simulated] permanent failure in ui/plan',
  );
  for (const id of [
    storyWorkflowId('secret-story'),
    `${storyWorkflowId('secret-story')}/auth`,
    `${storyWorkflowId('secret-story')}/ui`,
  ]) {
    const raw = rawHistory(id);
    expect(raw.json).toContain(Buffer.from('binary/encrypted').toString('base64'));
    for (const secret of ['Zanzibar', 'pineapple', 'permanent failure in ui/plan']) {
      expect(raw.json).not.toContain(secret);
      expect(raw.payloadText).not.toContain(secret);
    }
  }
  expect(rawHistory(`${storyWorkflowId('secret-story')}/ui`).json).toContain('Encoded failure');
});

test('key rotation: payloads written with an old key still decrypt; an unknown key is a clear error', async () => {
  const old = new AesGcmCodec([previous]);
  const [encrypted] = await old.encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"hello"') },
  ]);
  const rotated = new AesGcmCodec([current, previous]);
  const [decrypted] = await rotated.decode([encrypted as never]);
  expect(Buffer.from(decrypted?.data ?? []).toString()).toBe('"hello"');
  await expect(new AesGcmCodec([current]).decode([encrypted as never])).rejects.toThrow(
    'no codec key with id "2026-10" (known: 2026-11)',
  );
  const tampered = { ...encrypted, data: Buffer.from(encrypted?.data ?? []).fill(1, 20, 21) };
  await expect(rotated.decode([tampered as never])).rejects.toThrow(/could not be decrypted/);
});

describe('codec server', () => {
  async function encryptedPayload() {
    const [payload] = await new AesGcmCodec([current]).encode([
      { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(TITLE)) },
    ]);
    return {
      metadata: Object.fromEntries(
        Object.entries(payload?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(payload?.data ?? []).toString('base64'),
    };
  }

  test('decodes for the Web UI with the bearer token', async () => {
    const response = await fetch(`${codecUrl}/decode`, {
      method: 'POST',
      headers: {
        origin: UI,
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'x-namespace': 'default',
      },
      body: JSON.stringify({ payloads: [await encryptedPayload()] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    const body = (await response.json()) as { payloads: { data: string }[] };
    expect(Buffer.from(body.payloads[0]?.data ?? '', 'base64').toString()).toBe(JSON.stringify(TITLE));
  });

  test('answers the UI’s preflight, but only for the configured origin', async () => {
    const ok = await fetch(`${codecUrl}/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreign = await fetch(`${codecUrl}/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('rejects a missing or wrong token and a foreign origin', async () => {
    const body = JSON.stringify({ payloads: [await encryptedPayload()] });
    const noToken = await fetch(`${codecUrl}/decode`, { method: 'POST', headers: { origin: UI }, body });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${codecUrl}/decode`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body,
    });
    expect(wrong.status).toBe(401);
    const foreign = await fetch(`${codecUrl}/decode`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain('Zanzibar');
  });
});
