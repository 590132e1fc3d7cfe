import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  inboundNationalDossierSchema,
  inboundProgressRowSchema,
} from '../../../../contracts/national-portal';
import { tokenRequestSchema } from '../../../../contracts/oauth';
import { dossierSubmissionSchema, statusChangeSchema } from '../../../../contracts/provincial-api';
import { createHttpApp } from '../../../../functions/http';
import { documentationPaths } from '../../../../functions/http/platform/documentation-paths';
import type { LocalRuntime } from '../../../../infra/local/start-local-runtime';
import { startTestRuntime } from '../../../support/test-runtime';

/** The vendored reference bundle (vendor/scalar-api-reference/README.md says how to update it). */
const REFERENCE_BUNDLE = {
  version: '1.72.1',
  sha256: '1a5cce004d71df433aa212327902dd765928104149b5af13e769495c0270129d',
};
const projectRoot = join(import.meta.dirname, '..', '..', '..', '..');

let runtime: LocalRuntime;
let document: OpenAPIV3_1.Document;
beforeAll(async () => {
  runtime = await startTestRuntime();
  const response = await fetch(`${runtime.urls.gateway}/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenAPIV3_1.Document;
});
afterAll(() => runtime.stop());

type Operation = OpenAPIV3_1.OperationObject;
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document that a third-party validator accepts', async () => {
    expect(document.openapi).toBe('3.1.0');
    // The validator dereferences in place; it gets its own copy.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('documents every route the app serves, except the documentation itself', () => {
    // The same factory and dependencies as the served app: a route added anywhere shows up here.
    const app = createHttpApp({ ...runtime.deps, remoteAddress: () => undefined });
    const served = new Set(
      app.routes
        // ALL is middleware (app.use), not a route.
        // The HTML console under /admin is for browsers, not part of the API document.
        .filter(
          (route) =>
            route.method !== 'ALL' &&
            !documentationPaths.includes(route.path) &&
            !route.path.startsWith('/admin'),
        )
        .map((route) => `${route.method.toLowerCase()} ${route.path.replaceAll(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations().map(({ method, path }) => `${method} ${path}`));
    expect(served.size).toBeGreaterThanOrEqual(6);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('declares the bearer scheme that every secured operation names', () => {
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    const schemes = Object.keys(document.components?.securitySchemes ?? {});
    const named = operations().flatMap(({ operation }) =>
      (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !schemes.includes(name))).toEqual([]);
  });

  it('documents the problem+json answers 400, 413 and 415 on every operation that takes a body', () => {
    const withBody = operations().filter(({ operation }) => operation.requestBody);
    expect(withBody.map(({ path }) => path)).toEqual(
      expect.arrayContaining([
        '/oauth/token',
        '/v1/dossiers',
        '/v1/dossiers/{code}/status',
        '/v1/national/dossiers',
        '/v1/national/status',
      ]),
    );
    for (const { method, path, operation } of withBody) {
      // The payment platform's callback and the portal's fee look-up answer bad input in their
      // own wire format (MaLoi / error_code), not problem details; size and type still are.
      const partnerFormat = ['/v1/callbacks/payment', '/v1/national/fees'].includes(path);
      for (const status of partnerFormat ? ['413', '415'] : ['400', '413', '415']) {
        const response = operation.responses?.[status] as OpenAPIV3_1.ResponseObject | undefined;
        expect(response?.content?.['application/problem+json'], `${method} ${path} ${status}`).toEqual({
          schema: { $ref: '#/components/schemas/Problem' },
        });
      }
    }
  });

  it('states the unknown-fields policy and the size limit, and marks provincial objects strict', () => {
    expect(document.info.description).toContain('Unknown fields');
    expect(document.info.description).toContain(`larger than ${1024 * 1024} bytes`);
    const schemas = document.components?.schemas ?? {};
    for (const name of ['DossierSubmission', 'Applicant', 'Document', 'FeeLine', 'StatusChange']) {
      expect(schemas[name]?.additionalProperties, name).toBe(false);
    }
    // The national portal's format is read tolerantly.
    expect(schemas.NationalDossier?.additionalProperties).toBeUndefined();
  });

  it.each<[string, z.ZodType]>([
    ['DossierSubmission', dossierSubmissionSchema],
    ['StatusChange', statusChangeSchema],
    ['TokenRequest', tokenRequestSchema],
    ['NationalDossier', inboundNationalDossierSchema],
    ['NationalProgressRow', inboundProgressRowSchema],
  ])('gives %s a request example that its own schema accepts', (name, schema) => {
    const example = (document.components?.schemas?.[name] as { example?: unknown } | undefined)?.example;
    expect(example).toBeDefined();
    expect(schema.safeParse(example).error?.issues ?? []).toEqual([]);
  });

  it('shows POST /v1/dossiers with a v1 example and a v1.1 one carrying the QĐ 766 facts, both valid', () => {
    const body = document.paths?.['/v1/dossiers']?.post?.requestBody as OpenAPIV3_1.RequestBodyObject;
    const examples = body.content['application/json']?.examples as Record<string, { value: unknown }>;
    expect(Object.keys(examples)).toEqual(['v1', 'v1.1']);
    for (const { value } of Object.values(examples)) {
      expect(dossierSubmissionSchema.safeParse(value).error?.issues ?? []).toEqual([]);
    }
    expect(examples['v1.1']?.value).toMatchObject({
      agencyName: expect.any(String),
      results: expect.any(Array),
    });
  });
});

describe('GET /docs', () => {
  it('renders the interactive reference of /openapi.json with a script the gateway serves itself', async () => {
    const response = await fetch(`${runtime.urls.gateway}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    // Scripts only from this origin: the configuration is data, not an inline script.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
    const html = await response.text();
    expect(html).toContain('<script src="/docs/api-reference.js"');
    expect(html).toContain('data-url="/openapi.json"');
    // Nothing for the reader's browser to fetch from elsewhere: the gateway may run offline.
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves the Scalar bundle kept in vendor/, byte for byte the version its README records', async () => {
    const response = await fetch(`${runtime.urls.gateway}/docs/api-reference.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    const bundle = Buffer.from(await response.arrayBuffer());
    const recorded = readFileSync(join(projectRoot, 'vendor/scalar-api-reference/README.md'), 'utf8');
    expect(recorded).toContain(`**${REFERENCE_BUNDLE.version}**`);
    expect(recorded).toContain(REFERENCE_BUNDLE.sha256);
    expect(createHash('sha256').update(bundle).digest('hex')).toBe(REFERENCE_BUNDLE.sha256);
    expect(bundle.toString('utf8')).toContain('createApiReference');
  });
});
