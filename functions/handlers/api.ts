import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createApiApp } from '../http/create-api-app';
import { loadAwsDependencies } from '../wiring/aws';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { lambdaApiDependencies } from './lambda-api-dependencies';
import { lazyHandler } from './lazy-handler';

/** The API (systems' calls and the admin API); the console and the reference are console.ts's. */
export function createApiHandler(deps: GatewayDependencies) {
  return handle(createApiApp(lambdaApiDependencies(deps)));
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createApiHandler(await loadAwsDependencies()),
);
