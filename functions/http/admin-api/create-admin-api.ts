import type { ApiDependencies } from '../api-dependencies';
import { subAppOf } from '../create-sub-app';
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
  return subAppOf(deps, [
    registerReconciliationRoutes,
    registerOperationsRoutes,
    registerAgencyCodeRoutes,
    registerDriftCheckRoutes,
    registerScheduleRoutes,
    registerEndpointRoutes,
    registerScorecardRoutes,
    registerCatalogueRoutes,
    registerMappingRoutes,
    registerSystemRoutes,
    registerMappingFileRoutes,
  ]);
}
