import { createAdminApi } from './admin-api/create-admin-api';
import type { ApiDependencies } from './api-dependencies';
import { CONSOLE_PATH } from './console/console-env';
import { consoleErrorPage } from './console/console-error-page';
import { createConsole } from './console/create-console';
import { mountSystemsApi } from './create-api-app';
import { createEdgeApp } from './create-edge-app';
import { registerApiDocs } from './platform/api-docs';

/**
 * The whole gateway as one app: what systems call, the admin API, the console at CONSOLE_PATH
 * and the API reference. The local runtime serves it on one port; on AWS it is the console
 * function's app, which API Gateway sends only the operators' paths (the console, the admin
 * API, the reference: topology routes, ADR 17): what systems call is mounted here too because
 * /openapi.json documents it.
 */
export function createHttpApp(deps: ApiDependencies) {
  return createEdgeApp(
    deps,
    (app) => {
      mountSystemsApi(app, deps);
      app.route('/', createAdminApi(deps));
      app.route(CONSOLE_PATH, createConsole(deps));
      registerApiDocs(app, deps);
    },
    { path: CONSOLE_PATH, render: consoleErrorPage },
  );
}
