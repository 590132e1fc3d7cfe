import { registerMappingFileRoutes } from './admin-api/mapping-file-routes';
import type { ApiDependencies } from './api-dependencies';
import { CONSOLE_PATH } from './console/console-env';
import { consoleErrorPage } from './console/console-error-page';
import { createConsole } from './console/create-console';
import { mountApi } from './create-api-app';
import { createEdgeApp } from './create-edge-app';
import { createSubApp } from './create-sub-app';
import { registerApiDocs } from './platform/api-docs';

/**
 * The whole gateway as one app: the API, the console at CONSOLE_PATH and the API reference.
 * The local runtime serves it on one port; on AWS it is the console function's app, which API
 * Gateway sends only the console's and the reference's paths (topology routes, ADR 17): the
 * API routes are mounted here too because /openapi.json documents them. The admin API's file
 * routes (mapping imports and exports, with the .xlsx reader and writer) are served only here.
 */
export function createHttpApp(deps: ApiDependencies) {
  return createEdgeApp(
    deps,
    (app) => {
      mountApi(app, deps);
      app.route('/', mappingFiles(deps));
      app.route(CONSOLE_PATH, createConsole(deps));
      registerApiDocs(app, deps);
    },
    { path: CONSOLE_PATH, render: consoleErrorPage },
  );
}

function mappingFiles(deps: ApiDependencies) {
  const files = createSubApp();
  registerMappingFileRoutes(files, deps);
  return files;
}
