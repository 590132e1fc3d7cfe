import type { ApiDependencies } from './api-dependencies';
import { CONSOLE_PATH } from './console/console-env';
import { consoleErrorPage } from './console/console-error-page';
import { createConsole } from './console/create-console';
import { mountApi } from './create-api-app';
import { createEdgeApp } from './create-edge-app';
import { registerApiDocs } from './platform/api-docs';

/**
 * The whole gateway as one app: the API, the console at CONSOLE_PATH and the API reference.
 * The local runtime serves it on one port; on AWS it is the console function's app, which API
 * Gateway sends only the console's and the reference's paths (topology routes, ADR 17): the
 * API routes are mounted here too because /openapi.json documents them.
 */
export function createHttpApp(deps: ApiDependencies) {
  return createEdgeApp(
    deps,
    (app) => {
      mountApi(app, deps);
      app.route(CONSOLE_PATH, createConsole(deps));
      registerApiDocs(app, deps);
    },
    { path: CONSOLE_PATH, render: consoleErrorPage },
  );
}
