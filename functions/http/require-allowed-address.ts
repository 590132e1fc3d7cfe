import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../core/gateway-error';

/**
 * Lets through only callers from the listed addresses or CIDR ranges. An empty list lets nobody
 * through (fail closed); `0.0.0.0/0` and `::/0` are how a deployment opens it on purpose.
 */
export function requireAllowedAddress(
  allowList: readonly string[],
  remoteAddress: (c: Context) => string | undefined,
) {
  const allowed = new BlockList();
  for (const entry of allowList) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(address, family);
    else allowed.addSubnet(address, Number(prefix), family);
  }
  return createMiddleware<{ Variables: Record<string, never> }>(async (c, next) => {
    const address = (remoteAddress(c) ?? '').replace(/^::ffff:/, '');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address) || !allowed.check(address, family)) {
      throw new GatewayError(
        'auth.forbidden',
        `Địa chỉ ${address || 'không rõ'} không được phép / Address not allowed to push`,
      );
    }
    await next();
  });
}
