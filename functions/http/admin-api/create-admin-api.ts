import type { ApiDependencies } from '../api-dependencies';
import { createSubApp } from '../create-sub-app';
import { registerAgencyCodeRoutes } from './agency-code-route';
import { registerCatalogueRoutes } from './catalogue-routes';
import { registerDriftCheckRoutes } from './drift-check-routes';
import { registerEndpointRoutes } from './endpoint-routes';
import { registerMappingFileRoutes } from './mapping-file-routes';
import { registerMappingRoutes } from './mapping-routes';
import { registerOperationsRoutes } from './operations-routes';
import { registerReconciliationRoutes } from './reconciliation-routes';
import { registerScheduleRoutes } from './schedule-routes';
import { registerScorecardRoutes } from './scorecard-routes';
import { registerSystemRoutes } from './system-routes';

/**
 * The administrators' API under /v1/admin (scope admin); the console is its page-shaped twin,
 * and both are the console function's (topology routes, ADR 17).
 */
export function createAdminApi(deps: ApiDependencies) {
  const api = createSubApp();
  registerReconciliationRoutes(api, deps);
  registerOperationsRoutes(api, deps);
  registerAgencyCodeRoutes(api, deps);
  registerDriftCheckRoutes(api, deps);
  registerScheduleRoutes(api, deps);
  registerEndpointRoutes(api, deps);
  registerScorecardRoutes(api, deps);
  registerCatalogueRoutes(api, deps);
  registerMappingRoutes(api, deps);
  registerSystemRoutes(api, deps);
  registerMappingFileRoutes(api, deps);
  return api;
}
