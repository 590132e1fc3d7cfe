import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { type ApiDependencies, createApp } from '../http';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';

export function createApiHandler(deps: ApiDependencies) {
  return handle(createApp(deps));
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createApiHandler(await loadAwsDependencies()),
);
