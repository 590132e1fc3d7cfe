import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { SystemsApiDependencies } from '../http/api-dependencies';
import { createApiApp } from '../http/create-api-app';
import { loadAwsApiDependencies } from '../wiring/aws-api';
import { lambdaRemoteAddress } from './lambda-remote-address';
import { lazyHandler } from './lazy-handler';

/** The API: what systems call. The console, the admin API and the reference are console.ts's. */
export function createApiHandler(deps: Omit<SystemsApiDependencies, 'remoteAddress'>) {
  return handle(createApiApp({ ...deps, remoteAddress: lambdaRemoteAddress }));
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createApiHandler(await loadAwsApiDependencies()),
);
