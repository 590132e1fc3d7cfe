import { connect, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { startTestRuntime } from '../../support/test-runtime';

/**
 * Connections of the local runtime's HTTP server (infra/local/serve-over-http.ts): a vendor's
 * pooled client must survive the gateway's refusals. RFC 9112 section 9.3: a connection is
 * reused only once the request on it was read to its end; a server that answers before then
 * either reads the rest or says `Connection: close` and closes.
 */

let runtime: LocalRuntime;
let gateway: URL;
beforeAll(async () => {
  runtime = await startTestRuntime();
  gateway = new URL(runtime.urls.gateway);
});
afterAll(() => runtime.stop());

/** 2.5 MB: over the 1 MiB limit, under what the server drains. */
const oversized = Buffer.alloc(2.5 * 1024 * 1024, 'a');
const largeHeader = 'x'.repeat(20_000);

describe('a pooled keep-alive client (undici Agent, one connection)', () => {
  const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
  afterAll(() => agent.close());

  const send = async (options: Omit<Parameters<typeof request>[1], 'dispatcher'>, path = '/v1/dossiers') => {
    const response = await request(new URL(path, gateway), { ...options, dispatcher: agent });
    await response.body.dump();
    return response;
  };
  const health = () => send({ method: 'GET' }, '/health');

  const refusals: [string, () => ReturnType<typeof send>, number][] = [
    [
      'an oversized body with Content-Length (413)',
      () => send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: oversized }),
      413,
    ],
    [
      'an oversized chunked body (413)',
      () =>
        send({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: (async function* () {
            for (let sent = 0; sent < oversized.length; sent += 64 * 1024)
              yield oversized.subarray(sent, sent + 64 * 1024);
          })(),
        }),
      413,
    ],
    [
      'a body that is not JSON (400)',
      () =>
        send(
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_id":' },
          '/oauth/token',
        ),
      400,
    ],
    [
      'a body that is not UTF-8 (400)',
      () =>
        send({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.from([0x7b, 0xff, 0x7d]),
        }),
      400,
    ],
    [
      'a header block over the limit (431)',
      () => send({ method: 'GET', headers: { 'x-padding': largeHeader } }, '/health'),
      431,
    ],
    [
      'a body sent to a route that refuses before reading it (401)',
      () =>
        send({
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: oversized.subarray(0, 512 * 1024),
        }),
      401,
    ],
  ];

  it.each(refusals)(
    'gets an answer to %s, and its next request on the pool succeeds',
    async (_, refuse, status) => {
      expect((await refuse()).statusCode).toBe(status);
      expect((await health()).statusCode).toBe(200);
      expect((await health()).statusCode).toBe(200);
    },
  );
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Whether the server ended the connection after the answer. */
  readonly closedAfter: boolean;
}

/** One request on a raw socket, then another if the server keeps the connection. */
async function exchange(requestBytes: Buffer): Promise<{ first: Answer; next?: number }> {
  const socket = connect(Number(gateway.port), gateway.hostname);
  socket.on('error', () => undefined);
  const reader = readAnswers(socket);
  socket.write(requestBytes);
  const first = await reader.next();
  if (first.closedAfter) return { first };
  socket.write(`GET /health HTTP/1.1\r\nhost: ${gateway.host}\r\n\r\n`);
  const next = await reader.next();
  socket.destroy();
  return { first, next: next.status };
}

/** Reads HTTP/1.1 answers (Content-Length or chunked bodies) off a socket, one at a time. */
function readAnswers(socket: Socket) {
  let buffered = Buffer.alloc(0);
  let ended = false;
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  socket.on('close', () => {
    ended = true;
    wake?.();
  });
  const more = () =>
    new Promise<void>((resolve, reject) => {
      if (ended) reject(new Error(`connection closed; unread: ${buffered.toString('latin1').slice(0, 200)}`));
      wake = resolve;
    });
  async function next(): Promise<Answer> {
    while (buffered.indexOf('\r\n\r\n') < 0) await more();
    const headEnd = buffered.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    buffered = buffered.subarray(headEnd + 4);
    if (headers['transfer-encoding'] === 'chunked') {
      while (buffered.indexOf('0\r\n\r\n') < 0) await more();
      buffered = buffered.subarray(buffered.indexOf('0\r\n\r\n') + 5);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      while (buffered.length < length) await more();
      buffered = buffered.subarray(length);
    }
    // Give a closing server the moment it needs; a keeping one is asked the next request.
    const closedAfter = headers.connection === 'close' ? await closes(socket) : ended;
    return { status: Number(statusLine.split(' ')[1]), headers, closedAfter };
  }
  return { next };
}

const closes = (socket: Socket) =>
  new Promise<boolean>((resolve) => {
    if (socket.closed) resolve(true);
    socket.once('close', () => resolve(true));
  });

const post = (headers: string, body: Buffer | string) =>
  Buffer.concat([
    Buffer.from(
      `POST /v1/dossiers HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${headers}\r\n`,
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);

const chunked = (body: Buffer) =>
  Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);

describe('every answer that ends a connection says so', () => {
  const cases: [string, Buffer][] = [
    ['413 on a declared length', post(`content-length: ${oversized.length}\r\n`, oversized)],
    ['413 on a chunked body', post('transfer-encoding: chunked\r\n', chunked(oversized))],
    ['400 on malformed JSON', post('content-length: 1\r\n', '{')],
    [
      '431 on an oversized header',
      Buffer.from(`GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\nx-padding: ${largeHeader}\r\n\r\n`),
    ],
    ['400 on a malformed request line', Buffer.from('GET /health HTTP/1.1 extra\r\nhost: 127.0.0.1\r\n\r\n')],
    [
      '400 on a header without a name',
      Buffer.from('GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n: nameless\r\n\r\n'),
    ],
  ];

  it.each(cases)(
    '%s: either "connection: close" and closed, or the next request is answered',
    async (_, bytes) => {
      const { first, next } = await exchange(bytes);
      expect(first.status).toBeGreaterThanOrEqual(400);
      expect(first.status).toBeLessThan(500);
      if (first.closedAfter) expect(first.headers.connection).toBe('close');
      else expect(next).toBe(200);
    },
  );

  it('closes, saying so, when the body is still arriving after the answer (chunked, over the limit)', async () => {
    const { first } = await exchange(post('transfer-encoding: chunked\r\n', chunked(oversized)));
    expect(first).toMatchObject({ status: 413, headers: { connection: 'close' }, closedAfter: true });
  });

  it('keeps the connection after a 413 whose body it could read to the end', async () => {
    const { first, next } = await exchange(post(`content-length: ${oversized.length}\r\n`, oversized));
    expect(first.status).toBe(413);
    expect(first.headers.connection).toBe('keep-alive');
    expect(next).toBe(200);
  });
});
