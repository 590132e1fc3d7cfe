import type { ApiDependencies } from '../api-dependencies';
import { createSubApp } from '../create-sub-app';
import { registerDossierRoutes } from './dossier-routes';
import { registerPaymentRoutes } from './payment-routes';

/** What provincial one-stop-shop systems call: their dossiers, status changes and payments. */
export function createProvincialApi(deps: ApiDependencies) {
  const api = createSubApp();
  registerDossierRoutes(api, deps);
  registerPaymentRoutes(api, deps);
  return api;
}
