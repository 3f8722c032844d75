import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** Settings of the codec server the Web UI (or `temporal --codec-endpoint`) calls to show decrypted payloads. */
export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The only browser origin allowed to call (the Web UI's), e.g. `http://localhost:8233`. */
  uiOrigin: string;
  /** Bearer token every request must carry. */
  token: string;
  port: number;
  host?: string;
}

type JsonPayload = { metadata?: Record<string, string>; data?: string };

const MAX_BODY = 8 * 1024 * 1024;

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Handles one request: CORS only for the configured UI origin (any other browser origin gets 403), a bearer token
 * on every call (401 without it), then `POST /encode` or `POST /decode` with `{ payloads: [...] }`.
 */
async function handle(options: CodecServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const origin = request.headers.origin;
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (origin !== undefined && origin !== options.uiOrigin) return send(403, { error: 'origin not allowed' });
  if (origin) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-allow-credentials', 'true');
    response.setHeader('vary', 'origin');
  }
  if (request.method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', 'POST');
    response.setHeader('access-control-allow-headers', 'authorization, content-type, x-namespace');
    response.writeHead(204);
    return void response.end();
  }
  const auth = request.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice('Bearer '.length), options.token)) {
    return send(401, { error: 'missing or wrong bearer token' });
  }
  const action = request.method === 'POST' ? request.url?.split('?')[0] : undefined;
  if (action !== '/encode' && action !== '/decode') return send(404, { error: 'POST /encode or /decode' });
  let payloads: Payload[];
  try {
    const body = JSON.parse(await readBody(request)) as { payloads?: JsonPayload[] };
    if (!Array.isArray(body.payloads)) throw new Error('expected { "payloads": [...] }');
    payloads = body.payloads.map(fromJson);
  } catch (err) {
    return send(400, { error: (err as Error).message });
  }
  try {
    const result = action === '/encode' ? await options.codec.encode(payloads) : await options.codec.decode(payloads);
    send(200, { payloads: result.map(toJson) });
  } catch (err) {
    send(422, { error: (err as Error).message });
  }
}

/** Starts the codec server; resolves once it listens. */
export function startCodecServer(options: CodecServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
