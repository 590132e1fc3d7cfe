import type { SystemsApiDependencies } from '../api-dependencies';
import { createSubApp } from '../create-sub-app';
import { registerDossierRoutes } from './dossier-routes';
import { registerFeedbackRoutes } from './feedback-routes';
import { registerPaymentRoutes } from './payment-routes';

/** What provincial one-stop-shop systems call: their dossiers, status changes, payments and answers to citizens' feedback. */
export function createProvincialApi(deps: SystemsApiDependencies) {
  const api = createSubApp();
  registerDossierRoutes(api, deps);
  registerPaymentRoutes(api, deps);
  registerFeedbackRoutes(api, deps);
  return api;
}
