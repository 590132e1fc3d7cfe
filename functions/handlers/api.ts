import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { createScheduleOperations } from '../application/run-schedule';
import { createHttpApp } from '../http';
import { loadAwsDependencies } from '../wiring/aws';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { lazyHandler } from './lazy-handler';
import { createScheduleDefinitions } from './schedule-definitions';

export function createApiHandler(deps: GatewayDependencies) {
  return handle(
    createHttpApp({
      ...deps,
      schedules: createScheduleOperations(deps, createScheduleDefinitions(deps)),
      // API Gateway puts the caller's address in the request context, not on a socket.
      remoteAddress: (c) => getConnInfo(c).remote.address,
    }),
  );
}

export const handler = lazyHandler<LambdaEvent, unknown, LambdaContext>(async () =>
  createApiHandler(await loadAwsDependencies()),
);
