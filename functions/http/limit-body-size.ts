import { bodyLimit } from 'hono/body-limit';
import { GatewayError } from '../core/gateway-error';

/** Refuses a body over `maxBytes` with 413 before anything parses it. */
export function limitBodySize(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new GatewayError(
        'request.tooLarge',
        `Nội dung vượt quá ${maxBytes} byte / The body exceeds the ${maxBytes}-byte limit`,
      );
    },
  });
}
