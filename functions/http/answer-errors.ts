import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import type { Logger } from '../ports/logger';

/** How a part of the gateway shows an error: problem+json for the API, a page for the console. */
export type ErrorRenderer = (c: Context, error: GatewayError) => Response | Promise<Response>;

/** Failures of something the gateway depends on: logged, since the caller cannot fix them. */
const isDependencyFailure = (error: GatewayError) =>
  error.code === 'dependency.unavailable' ||
  error.code.startsWith('national.') ||
  error.code.startsWith('payment.platform');

/** What Hono's own middleware throws, as the gateway's error. */
function fromHttpException(exception: HTTPException): GatewayError | undefined {
  // hono's csrf middleware refuses a cross-site form with its own HTTPException.
  if (exception.status === 403)
    return new GatewayError('auth.forbidden', 'Yêu cầu từ nơi khác bị chặn / Cross-site request refused', {
      cause: exception,
    });
  if (exception.status === 415)
    return new GatewayError(
      'request.unsupportedMediaType',
      'Chỉ nhận application/json / Send Content-Type: application/json',
      { cause: exception },
    );
  if (exception.status === 400)
    return new GatewayError(
      'request.invalid',
      'Nội dung không phải JSON hợp lệ / The body is not valid JSON',
      {
        fieldErrors: [{ path: '$', message: `JSON không hợp lệ / ${exception.message}` }],
        cause: exception,
      },
    );
  return undefined;
}

/**
 * The one place a thrown error becomes an answer (STYLE.md habit 4): a GatewayError as it is,
 * Hono's exceptions translated, anything else logged and answered as 503 with Retry-After,
 * never with its message. `render` decides only how the answer looks.
 */
export function answerErrors(logger: Logger, render: ErrorRenderer): ErrorHandler {
  return (failure, c) => {
    const known = isGatewayError(failure)
      ? failure
      : failure instanceof HTTPException
        ? fromHttpException(failure)
        : undefined;
    if (known) {
      if (isDependencyFailure(known))
        logger.error('request failed on a dependency', {
          path: c.req.path,
          code: known.code,
          error: known.message,
        });
      return render(c, known);
    }
    logger.error('unhandled error', { path: c.req.path, error: failure.message, stack: failure.stack });
    return render(
      c,
      new GatewayError(
        'dependency.unavailable',
        'Lỗi hệ thống, vui lòng thử lại / Internal error; retry later',
        {
          retryAfterSeconds: 5,
          cause: failure,
        },
      ),
    );
  };
}
