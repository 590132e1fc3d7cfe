import { createScheduleOperations } from '../application/run-schedule';
import type { ApiDependencies } from '../http/api-dependencies';
import type { GatewayDependencies } from '../wiring/build-dependencies';
import { lambdaRemoteAddress } from './lambda-remote-address';
import { createScheduleDefinitions } from './schedule-definitions';

/** What the console function's app is given on Lambda: the wiring, the schedules, the caller's address. */
export function lambdaApiDependencies(deps: GatewayDependencies): ApiDependencies {
  return {
    ...deps,
    schedules: createScheduleOperations(deps, createScheduleDefinitions(deps)),
    remoteAddress: lambdaRemoteAddress,
  };
}
