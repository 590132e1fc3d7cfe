import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { type ApiDependencies, createHttpApp } from '../http';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';

export function createApiHandler(deps: Omit<ApiDependencies, 'remoteAddress'>) {
  // API Gateway puts the caller's address in the request context, not on a socket.
  return handle(createHttpApp({ ...deps, remoteAddress: (c) => getConnInfo(c).remote.address }));
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createApiHandler(await loadAwsDependencies()),
);
