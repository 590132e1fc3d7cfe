import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { requireAllowedAddress } from '../../../functions/http/require-allowed-address';

/** An app behind the allow-list that answers the refusal's code, the caller's address given per request. */
function appAllowing(allowList: readonly string[]) {
  const app = new Hono();
  app.onError((error, c) => c.text(isGatewayError(error) ? error.code : 'unexpected', 403));
  app.use(requireAllowedAddress(allowList, (c) => c.req.header('x-test-address')));
  app.post('/push', (c) => c.text('taken'));
  return async (address: string) =>
    (await app.request('/push', { method: 'POST', headers: { 'x-test-address': address } })).text();
}

describe('the national push allow-list', () => {
  it('lets through an exact address and a CIDR range, refusing the rest', async () => {
    const push = appAllowing(['203.0.113.10', '198.51.100.0/24', '2001:db8::/32']);

    expect(await push('203.0.113.10')).toBe('taken');
    expect(await push('198.51.100.77')).toBe('taken');
    expect(await push('::ffff:198.51.100.77')).toBe('taken');
    expect(await push('2001:db8::1')).toBe('taken');
    expect(await push('203.0.113.11')).toBe('auth.forbidden');
    expect(await push('not an address')).toBe('auth.forbidden');
  });

  it('fails closed when empty: a deployment that names no address receives no push', async () => {
    const push = appAllowing([]);

    expect(await push('203.0.113.10')).toBe('auth.forbidden');
    expect(await push('127.0.0.1')).toBe('auth.forbidden');
  });

  it('is opened to every address only by saying so (0.0.0.0/0 and ::/0)', async () => {
    const push = appAllowing(['0.0.0.0/0', '::/0']);

    expect(await push('203.0.113.10')).toBe('taken');
    expect(await push('2001:db8::1')).toBe('taken');
  });
});
