import type { Context } from 'hono';
import { getConnInfo } from 'hono/aws-lambda';

/** The caller's address on Lambda: API Gateway puts it in the request context, not on a socket. */
export const lambdaRemoteAddress = (c: Context) => getConnInfo(c).remote.address;
