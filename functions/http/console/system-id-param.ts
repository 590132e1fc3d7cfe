import type { Context } from 'hono';
import { existingSystemIdSchema } from '../../../contracts/connected-systems';
import { GatewayError } from '../../core/gateway-error';
import { fieldErrorsOf } from '../problem-response';
import type { ConsoleEnv } from './console-env';

/**
 * The `:id` of a console page about one connected system. It names a system that exists, so
 * the legacy client ids pass too; an id that names none is the page's not-found, not this.
 */
export function systemIdParam(c: Context<ConsoleEnv>): string {
  const id = existingSystemIdSchema.safeParse(c.req.param('id'));
  if (!id.success) {
    throw new GatewayError('request.invalid', 'Mã hệ thống không hợp lệ / Invalid system id', {
      fieldErrors: fieldErrorsOf(id.error),
    });
  }
  return id.data;
}
