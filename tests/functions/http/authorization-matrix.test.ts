import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scope, scopes } from '../../../contracts/oauth';
import { hashClientSecret } from '../../../functions/core/client-secret';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { createApp } from '../../../functions/http';
import { type RouteKey, type RoutePolicy, routePolicies } from '../../../functions/http/route-policies';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { signedPushHeaders } from '../../support/signed-push';
import { startTestRuntime, tokenFor } from '../../support/test-runtime';

/**
 * Authorization as a matrix: every route of the app x every principal (no token, a forged
 * token, a token with no scope, a token with each single scope) x the caller's own agency and
 * another one. Expectations come from functions/http/route-policies.ts; requests are real,
 * through the whole local runtime.
 */

type Agency = 'own' | 'other';
type Principal = 'anonymous' | 'forged' | 'no scope' | Scope;
const principals: readonly Principal[] = ['anonymous', 'forged', 'no scope', ...scopes];
const agencyCode = (agency: Agency) => (agency === 'own' ? '000.00.12.H12' : '000.00.12.H56');

let serial = 0;
const dossierCodeFor = (agency: Agency) => {
  serial += 1;
  return `${agencyCode(agency)}-250315-${String(serial).padStart(4, '0')}`;
};

interface Sample {
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const json = (value: unknown) => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

/**
 * A request each route would accept from a caller allowed to make it. A route added to the app
 * needs a policy (in route-policies.ts) and a sample here, or this file fails.
 */
const samples: Record<RouteKey, (agency: Agency) => Sample> = {
  'GET /health': () => ({ method: 'GET', path: '/health' }),
  'GET /.well-known/jwks.json': () => ({ method: 'GET', path: '/.well-known/jwks.json' }),
  'POST /oauth/token': () => ({
    method: 'POST',
    path: '/oauth/token',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'demo-province',
      client_secret: 'demo-secret',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }),
  'POST /v1/dossiers': (agency) => {
    const dossierCode = dossierCodeFor(agency);
    return {
      method: 'POST',
      path: '/v1/dossiers',
      ...json(aDossier({ dossierCode, agencyCode: agencyCode(agency) })),
    };
  },
  'POST /v1/dossiers/:code/status': (agency) => ({
    method: 'POST',
    path: `/v1/dossiers/${dossierCodeFor(agency)}/status`,
    ...json(aStatusChange(`evt-${serial}`, 'processing', 5)),
  }),
  'GET /v1/dossiers/:code': (agency) => ({ method: 'GET', path: `/v1/dossiers/${dossierCodeFor(agency)}` }),
  'POST /v1/national/dossiers': (agency) => {
    const dossierCode = dossierCodeFor(agency);
    const body = JSON.stringify(
      toNationalDossier(
        aDossier({ dossierCode, agencyCode: agencyCode(agency), channel: 'online', status: 'submitted' }),
      ),
    );
    return {
      method: 'POST',
      path: '/v1/national/dossiers',
      body,
      headers: { 'content-type': 'application/json', ...signedPushHeaders(body) },
    };
  },
  'POST /v1/national/status': (agency) => {
    const body = JSON.stringify({
      MaHoSo: dossierCodeFor(agency),
      NguoiXuLy: 'Cổng DVCQG',
      ThoiDiemXuLy: '20250315090000',
      TrangThai: '4',
    });
    return {
      method: 'POST',
      path: '/v1/national/status',
      body,
      headers: { 'content-type': 'application/json', ...signedPushHeaders(body) },
    };
  },
};

type Expected = 'allowed' | 401 | 403;

/** What the policy says a principal gets, for a request about its own or another agency. */
function expectedFor(policy: RoutePolicy, principal: Principal, agency: Agency): Expected {
  if (policy.access === 'public') return 'allowed';
  if (principal === 'anonymous' || principal === 'forged') return 401;
  if (principal === 'no scope' || !(policy.scopes as readonly Scope[]).includes(principal)) return 403;
  if (policy.agency === 'own' && agency === 'other' && principal !== 'admin') return 403;
  return 'allowed';
}

let runtime: LocalRuntime;
const tokens = new Map<Principal, string>();

beforeAll(async () => {
  runtime = await startTestRuntime();
  // One client per principal, each holding exactly one scope (or none) and the H12 grant.
  for (const principal of ['no scope', ...scopes] as const) {
    const clientId = `matrix-${principal.replace(/\W/g, '-')}`;
    await runtime.deps.clientRegistry.saveClient({
      clientId,
      secretHash: await hashClientSecret('matrix-secret'),
      scopes: principal === 'no scope' ? [] : [principal],
      agencies: ['*.H12'],
    });
    tokens.set(principal, await tokenFor(runtime, clientId, 'matrix-secret'));
  }
  const [header, payload] = (tokens.get('admin') ?? '').split('.');
  tokens.set('forged', `${header}.${payload}.${'A'.repeat(86)}`);
}, 60_000);
afterAll(() => runtime.stop());

describe('every route declares who may call it', () => {
  const app = () => createApp({ ...runtime.deps, remoteAddress: () => '127.0.0.1' });
  const declared = () =>
    [
      ...new Set(
        app()
          .routes.filter((route) => route.method !== 'ALL')
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].sort();

  it('has a policy for every route of the app, and no policy for a route that does not exist', () => {
    expect(declared()).toEqual(Object.keys(routePolicies).sort());
  });

  it('has a sample request for every policy', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(routePolicies).sort());
  });

  it('gives every bearer route at least one scope, and every public route a reason', () => {
    for (const [route, policy] of Object.entries(routePolicies) as [RouteKey, RoutePolicy][]) {
      if (policy.access === 'public') expect(policy.why, route).not.toBe('');
      else expect(policy.scopes.length, route).toBeGreaterThan(0);
    }
  });
});

describe('authorization matrix', () => {
  for (const [route, policy] of Object.entries(routePolicies) as [RouteKey, RoutePolicy][]) {
    it(`${route}: ${policy.access === 'public' ? 'public' : `${policy.scopes.join(' | ')}, agency ${policy.agency}`}`, async () => {
      const outcomes: string[] = [];
      const expectations: string[] = [];
      for (const principal of principals) {
        for (const agency of ['own', 'other'] as const) {
          const sample = samples[route](agency);
          const token = tokens.get(principal);
          const response = await fetch(`${runtime.urls.gateway}${sample.path}`, {
            method: sample.method,
            headers: { ...sample.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(sample.body === undefined ? {} : { body: sample.body }),
          });
          const expected = expectedFor(policy, principal, agency);
          const status = response.status;
          const body = await response.text();
          const label = `${principal} × ${agency}`;
          // Allowed means the route's own logic answered: not an auth refusal, not a limit, not a crash.
          const outcome = [401, 403, 429].includes(status) || status >= 500 ? status : 'allowed';
          outcomes.push(
            `${label}: ${outcome}${outcome === expected ? '' : ` (${status} ${body.slice(0, 300)})`}`,
          );
          expectations.push(`${label}: ${expected}`);
          if (expected === 403 && status === 403) expect(JSON.parse(body).code, label).toBe('auth.forbidden');
        }
      }
      expect(outcomes).toEqual(expectations);
    });
  }
});
