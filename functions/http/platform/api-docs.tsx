import { readFile } from 'node:fs/promises';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { DOCS_PATH, OPENAPI_PATH, REFERENCE_SCRIPT_PATH } from './documentation-paths';
import { REFERENCE_SCRIPT_BUNDLED, REFERENCE_SCRIPT_SOURCE } from './reference-script';
import { registerWebhookDocs } from './webhook-docs';

function apiDescription(maxBodyBytes: number): string {
  return `Liên thông Gateway: relays dossiers and status changes between provincial one-stop-shop
systems and the National Public Service Portal (DVCQG).

**Authentication.** \`POST /oauth/token\` (OAuth 2.0 client credentials) returns a bearer token;
send it as \`Authorization: Bearer <token>\`. Each route names the scope it needs.

**Errors.** Every error is RFC 9457 \`application/problem+json\` with \`type\`, \`title\`,
\`status\`, \`detail\`, a stable \`code\` and, for invalid input, \`errors: [{path, message}]\`,
where \`path\` is a JSONPath into your request (\`$.applicant.idNumber\`) and \`message\` is in
Vietnamese and English. A rejected request is neither stored nor queued.

**Unknown fields.** Objects of the provincial API (\`/v1/dossiers...\`) are strict: a field this
document does not define is a 400, because a misspelt optional field would otherwise vanish
silently from a legal record. Formats defined by others are read tolerantly and their unknown
fields ignored: the national portal's push (\`/v1/national/...\`, whose format carries more than
the gateway reads) and \`/oauth/token\` (RFC 6749 section 3.2).

**Limits.** Bodies larger than ${maxBodyBytes} bytes are refused with 413; a body that is not
\`application/json\` (or a form, for \`/oauth/token\`) with 415. Times are ISO 8601 with an offset;
amounts are whole VND.`;
}

/**
 * What the reference page needs and no more: its script and the document from this origin,
 * and the styles Scalar writes into the page. No inline script: the configuration travels in
 * data attributes. The page holds no personal data and no session (the console's cookie is
 * scoped to /admin).
 */
const REFERENCE_PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Scalar's standalone bundle, one file kept in the repository (vendor/scalar-api-reference),
 * never loaded from a CDN: the gateway runs where only the province's network is reachable.
 * Bundled for Lambda it sits beside index.mjs; run from the sources, in vendor/.
 */
const readReferenceScript = () =>
  readFile(new URL(REFERENCE_SCRIPT_BUNDLED, import.meta.url), 'utf8').catch(
    (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT'
        ? readFile(new URL(`../../../${REFERENCE_SCRIPT_SOURCE}`, import.meta.url), 'utf8')
        : Promise.reject(error),
  );

/** Each of these would otherwise reach a Scalar server from the reader's browser. */
const referenceConfiguration = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
};

/** The bundle mounts itself where `#api-reference` stands and reads the document from `data-url`. */
function ReferencePage() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Liên thông Gateway API</title>
      </head>
      <body>
        <script
          id="api-reference"
          type="application/json"
          data-url={OPENAPI_PATH}
          data-configuration={JSON.stringify(referenceConfiguration)}
        />
        <script src={REFERENCE_SCRIPT_PATH} />
      </body>
    </html>
  );
}

/**
 * `GET /openapi.json` is generated on each request from the routes registered on the app, so a
 * route added later is documented without touching this file; `GET /docs` renders it.
 */
export function registerApiDocs(app: OpenAPIHono<AppEnv>, deps: Pick<ApiDependencies, 'maxBodyBytes'>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /oauth/token',
  });
  registerWebhookDocs(app.openAPIRegistry);

  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Liên thông Gateway API',
      version: '1',
      description: apiDescription(deps.maxBodyBytes),
    },
    tags: [
      { name: 'Authentication', description: 'OAuth 2.0 client credentials' },
      { name: 'Dossiers', description: 'The provincial API: dossiers and their status changes' },
      { name: 'National portal push', description: 'What the national portal sends to the gateway' },
      { name: 'Operations', description: 'Health of the gateway and its dependencies' },
      {
        name: 'Webhooks to provincial systems',
        description: 'Events the gateway POSTs to your system, signed (Standard Webhooks); see `webhooks`',
      },
    ],
  });

  let referenceScript: Promise<string> | undefined;
  app.get(REFERENCE_SCRIPT_PATH, async (c) => {
    referenceScript ??= readReferenceScript().catch((error: unknown) => {
      referenceScript = undefined;
      throw error;
    });
    return c.body(await referenceScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
    });
  });

  app.get(DOCS_PATH, (c) => {
    // The page's own policy, kept by the API's deny-all default (security-headers.ts).
    c.header('content-security-policy', REFERENCE_PAGE_POLICY);
    return c.html(`<!doctype html>${<ReferencePage />}`);
  });
}
