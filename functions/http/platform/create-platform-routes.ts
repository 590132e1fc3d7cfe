import type { SystemsApiDependencies } from '../api-dependencies';
import { subAppOf } from '../create-sub-app';
import { registerHealthRoute } from './health-route';
import { registerJwksRoute } from './jwks-route';
import { registerTokenRoute } from './oauth-token-route';
import { registerProblemTypePages } from './problem-type-pages';

/** What every caller shares: health, tokens and their keys, and the pages problem types point to. */
export function createPlatformRoutes(deps: SystemsApiDependencies) {
  return subAppOf(deps, [
    registerHealthRoute,
    registerJwksRoute,
    registerTokenRoute,
    registerProblemTypePages,
  ]);
}
