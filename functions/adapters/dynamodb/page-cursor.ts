import * as z from 'zod';
import { GatewayError } from '../../core/gateway-error';

/** A DynamoDB key as a page cursor: string and number attributes only, as every table key here. */
const startKeySchema = z.record(z.string(), z.union([z.string(), z.number()]));

export type StartKey = z.infer<typeof startKeySchema>;

/** The opaque cursor an API returns for a LastEvaluatedKey. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * A cursor this API returned, back to a key (or to the position `schema` describes, for a read
 * that keeps its own); anything else is the caller's error (400).
 */
export function decodeCursor(cursor: string | undefined): StartKey | undefined;
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined;
export function decodeCursor(cursor: string | undefined, schema: z.ZodType = startKeySchema): unknown {
  if (!cursor) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new GatewayError('request.invalid', 'Con trỏ trang không hợp lệ / Invalid cursor', {
      fieldErrors: [{ path: '$.cursor', message: 'not a cursor this API returned' }],
      cause: error,
    });
  }
}
