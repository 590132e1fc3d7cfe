import { createMiddleware } from 'hono/factory';
import { GatewayError } from '../core/gateway-error';
import { inspectJson, type JsonLimits } from '../core/inspect-json';
import { toJsonPath } from '../core/json-path';

const jsonType = /^application\/([\w.+-]+\+)?json\b/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses a JSON body whose shape is hostile before any schema walks it: not UTF-8, nested
 * too deep, too many members, over-long or deceptive strings, prototype keys (see
 * functions/core/inspect-json.ts). Malformed JSON is left to the route's validator, which
 * answers it already. Reads the raw bytes, which Hono caches for the validator and for the
 * signature check of national pushes.
 */
export function limitJsonBody(limits: JsonLimits) {
  return createMiddleware(async (c, next) => {
    if (!jsonType.test(c.req.header('content-type') ?? '')) return next();
    // Reading can fail on the body limit; that error is bodyLimit's to answer, so it propagates.
    const bytes = await c.req.arrayBuffer();
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch (error) {
      throw new GatewayError('request.invalid', 'Nội dung không phải UTF-8 / The body is not valid UTF-8', {
        fieldErrors: [{ path: '$', message: 'send JSON encoded as UTF-8' }],
        cause: error,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    const violations = inspectJson(body, limits);
    if (violations.length > 0) {
      throw new GatewayError(
        'request.invalid',
        'Cấu trúc JSON không được chấp nhận / The JSON body breaks the gateway’s shape limits',
        {
          fieldErrors: violations.map((violation) => ({
            path: toJsonPath(violation.path),
            message: violation.message,
          })),
        },
      );
    }
    await next();
  });
}
