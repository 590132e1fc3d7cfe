import { GatewayError } from '../../core/gateway-error';

/** An in-memory listing's cursor: one named position, opaque to callers (base64url JSON). */
export function encodeCursor(name: string, position: string): string {
  return Buffer.from(JSON.stringify({ [name]: position })).toString('base64url');
}

/** The position a cursor of `encodeCursor(name, …)` holds; anything else is the caller's error. */
export function decodeCursor(name: string, cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const position =
      typeof decoded === 'object' && decoded ? (decoded as Record<string, unknown>)[name] : undefined;
    if (typeof position === 'string') return position;
    throw new Error(`not a ${name} cursor`);
  } catch (error) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
      cause: error,
    });
  }
}
