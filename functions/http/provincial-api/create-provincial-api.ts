import type { SystemsApiDependencies } from '../api-dependencies';
import { subAppOf } from '../create-sub-app';
import { registerDossierRoutes } from './dossier-routes';
import { registerFeedbackRoutes } from './feedback-routes';
import { registerPaymentRoutes } from './payment-routes';

/** What provincial one-stop-shop systems call: their dossiers, status changes, payments and answers to citizens' feedback. */
export function createProvincialApi(deps: SystemsApiDependencies) {
  return subAppOf(deps, [registerDossierRoutes, registerPaymentRoutes, registerFeedbackRoutes]);
}
