import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createHttpApp } from '../http/create-http-app';
import { loadAwsConsoleDependencies } from '../wiring/aws-console';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { lambdaApiDependencies } from './lambda-api-dependencies';
import { lazyHandler } from './lazy-handler';

/**
 * The console and the API reference (/admin, /docs, /openapi.json; topology routes): the pages
 * people open, in a function of their own so that the API's cold start does not carry them.
 */
export function createConsoleHandler(deps: GatewayDependencies) {
  return handle(createHttpApp(lambdaApiDependencies(deps)));
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createConsoleHandler(await loadAwsConsoleDependencies()),
);
