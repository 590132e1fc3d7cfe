import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve } from '@hono/node-server';

type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/** What the server reads of a body it was not asked for, so the connection can carry the next request. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_MAX_MS = 2_000;

/**
 * Reads and drops what is left of a request's body, within the bounds above. True when the
 * whole request has arrived, so the connection can carry the next one.
 */
async function drainBody(request: Request, incoming: HttpBindings['incoming']): Promise<boolean> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  // Something already reads it (the app's size check stopped half-way): it cannot be drained here.
  if (!request.body || request.body.locked || declared > DRAIN_MAX_BYTES) return false;
  const reader = request.body.getReader();
  let read = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outOfTime = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_MAX_MS);
  });
  try {
    while (read <= DRAIN_MAX_BYTES) {
      const chunk = await Promise.race([reader.read(), outOfTime]);
      if (chunk === 'late') return false;
      if (chunk.done) return incoming.complete;
      read += chunk.value.byteLength;
    }
    return false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

/**
 * HTTP/1.1 keeps a connection for the next request only once this one has been read to its
 * end (RFC 9112 section 9.3). An answer given before that (413 on a declared length, 401
 * before the body mattered) first drains the rest; when it cannot (too large, too slow, or
 * the app stopped reading half-way) the answer says `Connection: close` and Node closes the
 * connection after it. Pooled clients (undici, vendors' HTTP clients) then open a new
 * connection for the next request instead of failing on a socket closed under them.
 */
function closeUnlessReadToEnd(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    if (env.incoming.complete || (await drainBody(request, env.incoming))) return response;
    const headers = new Headers(response.headers);
    headers.set('connection', 'close');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * Serves an app on a loopback port as the local runtime's HTTP server (the gateway, the
 * simulators). Port 0 picks a free one.
 */
export async function serveOverHttp(
  app: { fetch: Fetch },
  port: number,
  hostname: string,
): Promise<{ url: string; server: Server }> {
  const listening = await listenForApp(port, hostname);
  listening.serve(app);
  return listening;
}

/**
 * Listens first and serves an app later: the gateway's address must be known before its app is
 * built, since the identity provider is told where to send people back. Until then every request
 * is answered 503.
 */
export async function listenForApp(
  port: number,
  hostname: string,
): Promise<{ url: string; server: Server; serve(app: { fetch: Fetch }): void }> {
  let current: Fetch = () => new Response('starting', { status: 503 });
  // An HTTP/1.1 server (serve's default) hands every request HttpBindings.
  const fetch = ((request: Request, env: HttpBindings) => current(request, env)) as Parameters<
    typeof serve
  >[0]['fetch'];
  const server = serve({ fetch, port, hostname }) as Server;
  if (!server.listening)
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return {
    url: `http://${hostname}:${(server.address() as AddressInfo).port}`,
    server,
    serve(app) {
      current = closeUnlessReadToEnd(app.fetch);
    },
  };
}
