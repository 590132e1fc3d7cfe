import { getConnInfo } from 'hono/aws-lambda';
import { createScheduleOperations } from '../application/run-schedule';
import type { ApiDependencies } from '../http/api-dependencies';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { createScheduleDefinitions } from './schedule-definitions';

/** What an HTTP function's app is given on Lambda: the wiring, the schedules, the caller's address. */
export function lambdaApiDependencies(deps: GatewayDependencies): ApiDependencies {
  return {
    ...deps,
    schedules: createScheduleOperations(deps, createScheduleDefinitions(deps)),
    // API Gateway puts the caller's address in the request context, not on a socket.
    remoteAddress: (c) => getConnInfo(c).remote.address,
  };
}
