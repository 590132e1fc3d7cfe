import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiDependencies } from '../api-dependencies';
import { createSubApp } from '../create-sub-app';
import { registerAgencyCodesPage } from './agency-codes-page';
import { registerAuditPage } from './audit-page';
import { registerCatalogueSearchPage } from './catalogue-search-page';
import type { ConsoleEnv } from './console-env';
import { consoleStyles } from './console-layout';
import { requireConsoleSession } from './console-session';
import { registerDashboardPage } from './dashboard-page';
import { registerDossierPage } from './dossier-page';
import { registerDriftPage } from './drift-page';
import { registerEndpointsPage } from './endpoints-page';
import { registerFailedMessagePage } from './failed-message-page';
import { registerFailedMessagesPage } from './failed-messages-page';
import { registerFeedbackPage } from './feedback-page';
import { registerLanguageSwitch } from './language-switch';
import { registerMappingsPage } from './mappings-page';
import { registerResyncPage } from './resync-page';
import { registerScorecardPage } from './scorecard-page';
import { registerSignInPage } from './sign-in-page';
import { registerSystemsPage } from './systems-page';
import { registerUnmappedCodesPage } from './unmapped-codes-page';

/**
 * The administrators' console: server-rendered pages, no client script, one module per page.
 * Mounted by the entry point (at CONSOLE_PATH); people sign in through the identity provider
 * (sign-in-page.tsx); its cookies are Secure, HttpOnly, SameSite=Strict, and every form carries
 * a CSRF token and must come from this origin.
 */
export function createConsole(deps: ApiDependencies) {
  const console = createSubApp<ConsoleEnv>();
  console.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Sign-in and sign-out forms redirect to the identity provider; browsers hold redirects
        // after a form to form-action too.
        formAction: ["'self'", ...(deps.personSignIn ? [new URL(deps.personSignIn.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
    }),
  );
  console.use('*', csrf());

  console.get('/assets/console.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(consoleStyles, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  registerLanguageSwitch(console);

  const session = requireConsoleSession(deps.tokens);
  registerSignInPage(console, deps, session);
  registerDashboardPage(console, deps, session);
  registerFailedMessagesPage(console, deps, session);
  registerFailedMessagePage(console, deps, session);
  registerDriftPage(console, deps, session);
  registerFeedbackPage(console, deps, session);
  registerDossierPage(console, deps, session);
  registerAuditPage(console, deps, session);
  registerAgencyCodesPage(console, deps, session);
  registerScorecardPage(console, deps, session);
  registerEndpointsPage(console, deps, session);
  registerResyncPage(console, deps, session);
  registerSystemsPage(console, deps, session);
  registerCatalogueSearchPage(console, deps, session);
  registerMappingsPage(console, deps, session);
  registerUnmappedCodesPage(console, deps, session);
  return console;
}
