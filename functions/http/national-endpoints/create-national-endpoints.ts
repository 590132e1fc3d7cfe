import type { SystemsApiDependencies } from '../api-dependencies';
import { subAppOf } from '../create-sub-app';
import { registerNationalFeeRoute } from './national-fee-route';
import { registerNationalPushRoutes } from './national-push-routes';
import { registerPaymentCallbackRoute } from './payment-callback-route';

/** What the national side calls: the portal's pushes and fee look-up, the payment platform's callback. */
export function createNationalEndpoints(deps: SystemsApiDependencies) {
  return subAppOf(deps, [registerNationalPushRoutes, registerPaymentCallbackRoute, registerNationalFeeRoute]);
}
