import { demoNationalPushSecret } from '../../infra/local/demo-credentials';
import { signedPushHeaders as signWith } from '../../scripts/push-national';

/** The headers the national portal sends with a push, signed as `npm run push:national` signs. */
export function signedPushHeaders(
  body: string,
  options: { secret?: string; id?: string; at?: Date } = {},
): Record<string, string> {
  return signWith(body, { ...options, secret: options.secret ?? demoNationalPushSecret });
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
