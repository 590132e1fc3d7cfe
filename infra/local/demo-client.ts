/**
 * A client of the local runtime, as a provincial system and the national portal would be one:
 * it gets tokens and signs national pushes with the demo secrets. The tests, the soak and the
 * benchmarks share it; vendors can read it as an example.
 */
import { randomUUID } from 'node:crypto';
import { signRequest } from '../../functions/core/signed-request';
import { demoNationalPushSecret } from './demo-credentials';

/** The token endpoint's answer to a client credentials request, whatever it is. */
export function tokenResponse(gatewayUrl: string, clientId: string, secret: string): Promise<Response> {
  return fetch(`${gatewayUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    }),
  });
}

/** OAuth client credentials against any gateway URL. */
export async function requestToken(gatewayUrl: string, clientId: string, secret: string): Promise<string> {
  const response = await tokenResponse(gatewayUrl, clientId, secret);
  if (response.status !== 200)
    throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The headers the national portal sends with a push: Standard Webhooks, signed over the exact body. */
export function signedPushHeaders(
  body: string,
  options: { secret?: string; id?: string; at?: Date } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = Math.floor((options.at ?? new Date()).getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signRequest(
      [options.secret ?? demoNationalPushSecret],
      id,
      timestamp,
      new TextEncoder().encode(body),
    ),
  };
}

/** POSTs a national push the way the portal does: bearer token, JSON, signed. */
export function pushNational(
  gatewayUrl: string,
  path: string,
  body: unknown,
  token: string,
): Promise<Response> {
  const text = JSON.stringify(body);
  return fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...signedPushHeaders(text),
    },
    body: text,
  });
}
