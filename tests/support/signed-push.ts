import { randomUUID } from 'node:crypto';
import { signRequest } from '../../functions/core/signed-request';
import { demoNationalPushSecret } from '../../infra/local/demo-credentials';

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
