import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scope, scopes } from '../../../contracts/oauth';
import { hashClientSecret } from '../../../functions/core/client-secret';
import { type ConsoleRole, consoleRoles, holdsRole } from '../../../functions/core/console-roles';
import { newFeedbackRecord } from '../../../functions/core/feedback-item';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { createHttpApp } from '../../../functions/http';
import { type RouteKey, type RoutePolicy, routePolicies } from '../../../functions/http/route-policies';
import { signedPushHeaders } from '../../../infra/local/demo-client';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { aPaymentRequest, aSyncedDossier, clientOf, createdPayment } from '../../support/payments';
import { startTestRuntime, tokenFor } from '../../support/test-runtime';

/**
 * Authorization as a matrix: every route of the app x every principal (no token, a forged
 * token, an API client's token with no scope or with each single scope, a person's session
 * with each role) x the caller's own agency and another one. Expectations come from
 * functions/http/route-policies.ts; requests are real, through the whole local runtime. The API
 * gets the token as a bearer header, the console as its session cookie. A person's session is
 * minted here as the console's callback mints it (tests/browser/console-sign-in.test.ts signs
 * people in through the identity provider).
 */

type Agency = 'own' | 'other';
type Person = `person ${ConsoleRole}`;
type Principal = 'anonymous' | 'forged' | 'no scope' | Scope | Person;
const people = consoleRoles.map((role): Person => `person ${role}`);
const principals: readonly Principal[] = ['anonymous', 'forged', 'no scope', ...scopes, ...people];
const roleOf = (principal: Principal) =>
  principal.startsWith('person ') ? (principal.slice('person '.length) as ConsoleRole) : undefined;
const agencyCode = (agency: Agency) => (agency === 'own' ? '000.00.12.H12' : '000.00.12.H56');

let serial = 0;
const dossierCodeFor = (agency: Agency) => {
  serial += 1;
  return `${agencyCode(agency)}-250315-${String(serial).padStart(4, '0')}`;
};

interface Sample {
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const get = (path: string): Sample => ({ method: 'GET', path });
const json = (path: string, value: unknown): Sample => ({
  method: 'POST',
  path,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});
/** A form post; to the console the matrix adds the session's CSRF token and this origin. */
const form = (path: string, fields: Record<string, string> = {}): Sample => ({
  method: 'POST',
  path,
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const signed = (path: string, value: unknown): Sample => {
  const body = JSON.stringify(value);
  return {
    method: 'POST',
    path,
    body,
    headers: { 'content-type': 'application/json', ...signedPushHeaders(body) },
  };
};
const unknownMessage = 'msg-that-does-not-exist';
/** A connected system registered for the matrix, so rotating its secrets touches no demo credential. */
const matrixSystem = 'matrix-rotated';

/**
 * A request each route would accept from a caller allowed to make it, where its own method and
 * path are not one (see sampleOf). A route added to the app needs a policy (in route-policies.ts)
 * and, unless it is such a GET, a sample here, or this file fails.
 */
const samples: Partial<Record<RouteKey, (agency: Agency) => Sample>> = {
  'POST /oauth/token': () =>
    form('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: 'demo-province',
      client_secret: 'demo-secret',
    }),
  'POST /v1/dossiers': (agency) =>
    json('/v1/dossiers', aDossier({ dossierCode: dossierCodeFor(agency), agencyCode: agencyCode(agency) })),
  'POST /v1/dossiers/:code/status': (agency) =>
    json(`/v1/dossiers/${dossierCodeFor(agency)}/status`, aStatusChange(`evt-${serial}`, 'processing', 5)),
  'GET /v1/dossiers/:code': (agency) => get(`/v1/dossiers/${dossierCodeFor(agency)}`),
  'POST /v1/national/dossiers': (agency) =>
    signed(
      '/v1/national/dossiers',
      toNationalDossier(
        aDossier({
          dossierCode: dossierCodeFor(agency),
          agencyCode: agencyCode(agency),
          channel: 'online',
          status: 'submitted',
        }),
      ),
    ),
  'POST /v1/national/status': (agency) =>
    signed('/v1/national/status', {
      MaHoSo: dossierCodeFor(agency),
      NguoiXuLy: 'Cổng DVCQG',
      ThoiDiemXuLy: '20250315090000',
      TrangThai: '4',
    }),
  'POST /v1/feedback/:id/answer': (agency) =>
    json(`/v1/feedback/matrix-${agency}/answer`, {
      answer: 'Đã xử lý.',
      answeredBy: { name: 'Nguyễn Thị Hoa' },
      answeredAt: '2025-03-15T09:00:00+07:00',
    }),
  'POST /v1/feedback/:id/state': (agency) =>
    json(`/v1/feedback/matrix-${agency}/state`, {
      eventId: 'matrix-received',
      state: 'received',
      at: '2025-03-15T08:00:00+07:00',
      handledBy: { name: 'Trần Văn Bình' },
    }),
  'GET /v1/feedback/:id': (agency) => get(`/v1/feedback/matrix-${agency}`),
  'POST /v1/national/feedback': (agency) =>
    signed('/v1/national/feedback', {
      HOIDAPID: `matrix-push-${agency}`,
      NOIDUNG: 'Đề nghị hướng dẫn thủ tục.',
      MADONVI: agencyCode(agency),
      HOVATEN: 'Lê Văn Cường',
      NGAYGUI: '20250315090000',
    }),
  'POST /v1/national/ratings': (agency) =>
    signed('/v1/national/ratings', {
      DANHGIAID: `matrix-rating-${agency}`,
      MADONVI: agencyCode(agency),
      MAHOSO: `${agencyCode(agency)}-250315-0001`,
      HAILONG: '1',
      NGAYDANHGIA: '20250315090000',
    }),
  'POST /v1/payments': (agency) =>
    json('/v1/payments', aPaymentRequest(dossierCodeFor(agency), { payer: { name: 'Nguyễn Văn An' } })),
  'GET /v1/payments/:id': (agency) => get(`/v1/payments/${payments[agency]}`),
  'GET /v1/payments/:id/receipt': (agency) => get(`/v1/payments/${payments[agency]}/receipt`),
  'POST /v1/callbacks/payment': () => json('/v1/callbacks/payment', { LoaiBanTin: 'NotifyTransaction' }),
  'POST /v1/national/fees': (agency) => json('/v1/national/fees', { MaHoSo: dossierCodeFor(agency) }),
  'POST /v1/admin/reconciliation-runs': () => json('/v1/admin/reconciliation-runs', {}),
  'GET /v1/admin/reconciliation-reports/:id': () => get('/v1/admin/reconciliation-reports/no-such-report'),
  'GET /v1/admin/drift-findings': () => get('/v1/admin/drift-findings?state=open'),
  'POST /v1/admin/drift-findings/:code/resync': (agency) =>
    json(`/v1/admin/drift-findings/${dossierCodeFor(agency)}/resync`, {}),
  'POST /v1/admin/systems': () =>
    json('/v1/admin/systems', { name: 'Công cụ của ma trận', kind: 'admin', agencies: [] }),
  'GET /v1/admin/systems/:id': () => get(`/v1/admin/systems/${matrixSystem}`),
  'PATCH /v1/admin/systems/:id': () => ({
    ...json(`/v1/admin/systems/${matrixSystem}`, { name: 'Hệ thống của ma trận' }),
    method: 'PATCH',
  }),
  'POST /v1/admin/systems/:id/client-secret': () =>
    json(`/v1/admin/systems/${matrixSystem}/client-secret`, {}),
  'POST /v1/admin/systems/:id/webhook-secret': () =>
    json(`/v1/admin/systems/${matrixSystem}/webhook-secret`, {}),
  'POST /v1/admin/schedules/:name/runs': () => json('/v1/admin/schedules/outbox-sweeper/runs', {}),
  // Fields only: a loaded agency catalogue would refuse the other agency's dossiers of this matrix.
  'POST /v1/admin/catalogue-refreshes': () => json('/v1/admin/catalogue-refreshes', { kinds: ['fields'] }),
  'GET /v1/admin/catalogues/:kind': () => get('/v1/admin/catalogues/procedures?q=khai%20sinh'),
  'GET /v1/admin/catalogues/:kind/versions': () => get('/v1/admin/catalogues/fields/versions'),
  'GET /v1/admin/mappings/:kind': () => get('/v1/admin/mappings/fields?q=G03'),
  'PUT /v1/admin/mappings/:kind/:localCode': () => ({
    method: 'PUT',
    path: '/v1/admin/mappings/fields/LV-MATRIX',
    body: JSON.stringify({ nationalCode: 'G03-HT01' }),
    headers: { 'content-type': 'application/json' },
  }),
  'DELETE /v1/admin/mappings/:kind/:localCode': () => ({
    method: 'DELETE',
    path: '/v1/admin/mappings/fields/LV-NONE',
  }),
  'POST /v1/admin/mappings/:kind/imports': () => ({
    method: 'POST',
    path: '/v1/admin/mappings/fields/imports?dryRun=true',
    body: 'localCode,nationalCode\r\nLV-1,G03-HT01\r\n',
    headers: { 'content-type': 'text/csv' },
  }),
  'GET /v1/admin/mappings/:kind/export': () => get('/v1/admin/mappings/fields/export?format=xlsx'),
  'GET /admin/catalogues': () => get('/admin/catalogues?kind=procedures&q=khai'),
  'GET /admin/mappings': () => get('/admin/mappings?kind=fields'),
  'GET /admin/mappings/export': () => get('/admin/mappings/export?kind=fields&format=csv'),
  'POST /admin/mappings': () =>
    form('/admin/mappings', { kind: 'fields', localCode: 'LV-MATRIX-C', nationalCode: 'G03-HT01' }),
  'POST /admin/mappings/delete': () =>
    form('/admin/mappings/delete', { kind: 'fields', localCode: 'LV-NONE' }),
  // A form without its file: the page's own answer (400), past the session and role checks.
  'POST /admin/mappings/import': () => form('/admin/mappings/import', { kind: 'fields' }),
  'POST /v1/admin/systems/:id/webhook-test': () => json('/v1/admin/systems/demo-province/webhook-test', {}),
  'GET /v1/admin/systems/:id/deliveries': () => get('/v1/admin/systems/demo-province/deliveries'),
  'POST /v1/admin/systems/:id/pause': () => json('/v1/admin/systems/demo-province/pause', {}),
  'POST /v1/admin/systems/:id/resume': () => json('/v1/admin/systems/demo-province/resume', {}),
  'POST /v1/admin/resyncs': (agency) =>
    json('/v1/admin/resyncs', { dossierCodes: [dossierCodeFor(agency)], dryRun: true }),
  'GET /problems/:code': () => get('/problems/request.invalid'),
  'GET /v1/admin/failed-messages': () => get('/v1/admin/failed-messages?queue=to-national.fifo'),
  'GET /v1/admin/failed-messages/:id': () => get(`/v1/admin/failed-messages/${unknownMessage}`),
  'POST /v1/admin/failed-messages/:id/replay': () =>
    json(`/v1/admin/failed-messages/${unknownMessage}/replay`, {}),
  'POST /v1/admin/failed-messages/:id/discard': () =>
    json(`/v1/admin/failed-messages/${unknownMessage}/discard`, { reason: 'duplicate record' }),
  'POST /v1/admin/failed-messages/replay': () =>
    json('/v1/admin/failed-messages/replay', { queue: 'to-national.fifo', dryRun: true }),
  'GET /v1/admin/scorecard': () => get('/v1/admin/scorecard?from=2025-03-01&to=2025-03-31'),
  'GET /v1/admin/scorecard/:id/dossiers': () =>
    get('/v1/admin/scorecard/2.1/dossiers?from=2025-03-01&to=2025-03-31'),
  'GET /v1/admin/dossiers/:code': (agency) => get(`/v1/admin/dossiers/${dossierCodeFor(agency)}`),
  'POST /admin/systems': () =>
    form('/admin/systems', { name: 'Công cụ của ma trận', kind: 'admin', agencies: '' }),
  'GET /admin/systems/:id': () => get(`/admin/systems/${matrixSystem}`),
  'POST /admin/systems/:id/client-secret': () => form(`/admin/systems/${matrixSystem}/client-secret`),
  'POST /admin/systems/:id/webhook-secret': () => form(`/admin/systems/${matrixSystem}/webhook-secret`),
  'POST /admin/systems/:id/state': () => form(`/admin/systems/${matrixSystem}/state`, { disabled: 'false' }),
  'GET /admin/language': () => get('/admin/language?to=en'),
  'POST /admin/login': () => form('/admin/login'),
  'GET /admin/callback': () => get('/admin/callback?code=not-a-code&state=not-a-state'),
  'POST /admin/logout': () => form('/admin/logout'),
  'GET /admin/failed': () => get('/admin/failed?queue=to-national.fifo'),
  'GET /admin/failed/:id': () => get(`/admin/failed/${unknownMessage}`),
  'POST /admin/failed/replay': () =>
    form('/admin/failed/replay', { queue: 'to-national.fifo', dryRun: 'true' }),
  'POST /admin/failed/:id/replay': () => form(`/admin/failed/${unknownMessage}/replay`),
  'POST /admin/failed/:id/discard': () =>
    form(`/admin/failed/${unknownMessage}/discard`, { reason: 'duplicate' }),
  'GET /admin/drift': () => get('/admin/drift?state=open'),
  'GET /admin/feedback': () => get('/admin/feedback?state=waiting'),
  'POST /admin/drift/:code/resync': (agency) => form(`/admin/drift/${dossierCodeFor(agency)}/resync`),
  'GET /admin/endpoints/:id': () => get('/admin/endpoints/demo-province'),
  'POST /admin/endpoints/:id/pause': () => form('/admin/endpoints/demo-province/pause'),
  'POST /admin/endpoints/:id/resume': () => form('/admin/endpoints/demo-province/resume'),
  'POST /admin/endpoints/:id/webhook-test': () => form('/admin/endpoints/demo-province/webhook-test'),
  'POST /admin/resync': (agency) =>
    form('/admin/resync', { dossierCodes: dossierCodeFor(agency), dryRun: 'true' }),
  'GET /admin/dossiers': (agency) => get(`/admin/dossiers?code=${dossierCodeFor(agency)}`),
  'GET /admin/audit.csv': () => get('/admin/audit.csv?action=console.signIn'),
  'GET /admin/scorecard': () => get('/admin/scorecard?from=2025-03-01&to=2025-03-31'),
  'GET /admin/scorecard/export.csv': () => get('/admin/scorecard/export.csv?from=2025-03-01&to=2025-03-31'),
  'GET /admin/scorecard/export.xlsx': () => get('/admin/scorecard/export.xlsx?from=2025-03-01&to=2025-03-31'),
};

/** A route's sample: its own, or for a GET without parameters or a needed query, its own path. */
function sampleOf(route: RouteKey, agency: Agency): Sample | undefined {
  const [method, path = ''] = route.split(' ');
  return samples[route]?.(agency) ?? (method === 'GET' && !path.includes(':') ? get(path) : undefined);
}

type Expected = 'allowed' | 'sign-in page' | 'hidden' | 401 | 403;

/** What the policy says a principal gets, for a request about its own or another agency. */
function expectedFor(policy: RoutePolicy, principal: Principal, agency: Agency, method: string): Expected {
  if (policy.access === 'public') return 'allowed';
  const role = roleOf(principal);
  if (policy.access === 'console') {
    // An API client's token is no console session, whatever its scopes.
    if (!role) return method === 'GET' ? 'sign-in page' : 401;
    return holdsRole([role], policy.role) ? 'allowed' : 403;
  }
  if (principal === 'anonymous' || principal === 'forged') return 401;
  if (role) {
    // A person holds admin (and pii:read as security) and acts for every agency.
    return policy.scopes.includes('admin') && policy.role && holdsRole([role], policy.role) ? 'allowed' : 403;
  }
  if (principal === 'no scope' || !(policy.scopes as readonly Principal[]).includes(principal)) return 403;
  if (policy.agency === 'own' && agency === 'other' && principal !== 'admin') {
    return policy.hidesOthers ? 'hidden' : 403;
  }
  return 'allowed';
}

let runtime: LocalRuntime;
const tokens = new Map<Principal, string>();
/** A real payment of each agency, so "own" finds one and "other" meets one it may not see. */
const payments: Record<Agency, string> = { own: '', other: '' };

/**
 * How a principal presents its token: a bearer header to the API; the session cookie to the
 * console, with the session's CSRF token and this origin on a form post, as a browser would.
 */
function requestOf(policy: RoutePolicy, sample: Sample, token: string | undefined): RequestInit {
  const origin: Record<string, string> = { origin: runtime.urls.gateway };
  const consoleForm = sample.path.startsWith('/admin') && sample.method === 'POST';
  if (policy.access !== 'console') {
    return {
      method: sample.method,
      redirect: 'manual',
      headers: {
        ...sample.headers,
        ...(consoleForm ? origin : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(sample.body === undefined ? {} : { body: sample.body }),
    };
  }
  const cookie: Record<string, string> = token ? { cookie: `lt_admin=${token}` } : {};
  const fields = new URLSearchParams(sample.body ?? '');
  if (token)
    fields.set('csrf', createHash('sha256').update(`csrf:${token}`).digest('base64url').slice(0, 32));
  return {
    method: sample.method,
    redirect: 'manual',
    headers: { ...sample.headers, ...cookie, ...(consoleForm ? origin : {}) },
    ...(sample.method === 'POST' ? { body: fields.toString() } : {}),
  };
}

beforeAll(async () => {
  // Limits are another file's subject: here every principal calls every route.
  const unlimited = { burst: 1_000_000, perSecond: 1_000_000 };
  runtime = await startTestRuntime(null, {
    security: {
      rateLimits: { perClient: unlimited, perAddress: unlimited, tokenEndpointPerAddress: unlimited },
    },
  });
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
  for (const agency of ['own', 'other'] as const) {
    const clientId = `matrix-payer-${agency}`;
    await runtime.deps.clientRegistry.saveClient({
      clientId,
      secretHash: await hashClientSecret('matrix-secret'),
      scopes: ['dossiers:write', 'payments:write'],
      agencies: [`*.${agencyCode(agency).slice(-3)}`],
    });
    const client = clientOf(runtime, await tokenFor(runtime, clientId, 'matrix-secret'));
    const dossier = await aSyncedDossier(runtime, client, {
      dossierCode: dossierCodeFor(agency),
      agencyCode: agencyCode(agency),
    });
    payments[agency] = (
      await createdPayment(await client.post('/v1/payments', aPaymentRequest(dossier.dossierCode)))
    ).paymentId;
  }
  // A feedback item of each agency, so "own" finds one and "other" meets one it may not see.
  for (const agency of ['own', 'other'] as const) {
    await runtime.deps.feedback.addFeedback(
      newFeedbackRecord(
        {
          feedbackId: `matrix-${agency}`,
          agencyCode: agencyCode(agency),
          content: 'Phản ánh của ma trận phân quyền.',
          citizen: { name: 'Lê Văn Cường' },
          sentAt: '2025-03-14T09:00:00+07:00',
        },
        '2025-03-14T09:00:00+07:00',
      ),
    );
  }
  for (const person of people) {
    const role = roleOf(person) as ConsoleRole;
    tokens.set(
      person,
      await runtime.deps.tokens.issue({
        clientId: `person:${role}@matrix`,
        scopes: role === 'security' ? ['admin', 'pii:read'] : ['admin'],
        agencies: [],
        person: { subject: `${role}@matrix`, name: role, roles: [role] },
      }),
    );
  }
  await runtime.deps.systems.register(
    { systemId: matrixSystem, name: 'Hệ thống của ma trận', kind: 'province', agencies: ['*.H98'] },
    { type: 'client', clientId: 'authorization-matrix' },
  );
  const [header, payload] = (tokens.get('admin') ?? '').split('.');
  tokens.set('forged', `${header}.${payload}.${'A'.repeat(86)}`);
}, 60_000);
afterAll(() => runtime.stop());

describe('every route declares who may call it', () => {
  const declared = () => {
    const app = createHttpApp({ ...runtime.deps, remoteAddress: () => '127.0.0.1' });
    const routes = app.routes.filter((route) => route.method !== 'ALL');
    return [...new Set(routes.map((route) => `${route.method} ${route.path}`))].sort();
  };

  it('has a policy for every route of the app, and no policy for a route that does not exist', () => {
    expect(declared()).toEqual(Object.keys(routePolicies).sort());
  });

  it('has a sample request for every policy, and no sample for a route without one', () => {
    const routes = Object.keys(routePolicies) as RouteKey[];
    expect(routes.filter((route) => sampleOf(route, 'own') === undefined)).toEqual([]);
    expect(Object.keys(samples).filter((route) => !routes.includes(route as RouteKey))).toEqual([]);
  });

  it('gives every API route at least one scope, every console route a role, and every public route a reason', () => {
    for (const [route, policy] of Object.entries(routePolicies) as [RouteKey, RoutePolicy][]) {
      if (policy.access === 'public') expect(policy.why, route).not.toBe('');
      else if (policy.access === 'console') expect(consoleRoles, route).toContain(policy.role);
      else expect(policy.scopes.length, route).toBeGreaterThan(0);
    }
  });

  it('gives every admin API route a role, so people reach it with their session', () => {
    for (const [route, policy] of Object.entries(routePolicies) as [RouteKey, RoutePolicy][]) {
      if (policy.access === 'bearer' && policy.scopes.includes('admin'))
        expect(policy.role, route).toBeDefined();
    }
  });
});

const describePolicy = (policy: RoutePolicy) =>
  policy.access === 'public'
    ? 'public'
    : policy.access === 'console'
      ? `console session with role ${policy.role}`
      : `${policy.scopes.join(' | ')}, agency ${policy.agency}${policy.role ? `, person ${policy.role}` : ''}`;

describe('authorization matrix', () => {
  for (const [route, policy] of Object.entries(routePolicies) as [RouteKey, RoutePolicy][]) {
    it(`${route}: ${describePolicy(policy)}`, async () => {
      const outcomes: string[] = [];
      const expectations: string[] = [];
      for (const principal of principals) {
        for (const agency of ['own', 'other'] as const) {
          const sample = sampleOf(route, agency);
          if (!sample) throw new Error(`${route} has no sample request`);
          const response = await fetch(
            `${runtime.urls.gateway}${sample.path}`,
            requestOf(policy, sample, tokens.get(principal)),
          );
          const expected = expectedFor(policy, principal, agency, sample.method);
          const status = response.status;
          const body = await response.text();
          const label = `${principal} × ${agency}`;
          // Allowed means the route's own logic answered: not an auth refusal, not a limit, not a crash.
          const toSignIn =
            sample.method === 'GET' && status === 303 && response.headers.get('location') === '/admin/login';
          // A resource another agency owns is answered as missing; the samples' own resources exist.
          const hidden = policy.access === 'bearer' && policy.hidesOthers === true && status === 404;
          const outcome = toSignIn
            ? 'sign-in page'
            : hidden
              ? 'hidden'
              : [401, 403, 429].includes(status) || status >= 500
                ? status
                : 'allowed';
          outcomes.push(
            `${label}: ${outcome}${outcome === expected ? '' : ` (${status} ${body.slice(0, 300)})`}`,
          );
          expectations.push(`${label}: ${expected}`);
          if (expected === 403 && status === 403 && policy.access === 'bearer') {
            expect(JSON.parse(body).code, label).toBe('auth.forbidden');
          }
        }
      }
      expect(outcomes).toEqual(expectations);
      // Sixteen principals x two agencies, each a real request (the token endpoint's scrypt, the
      // audit log's day scan), on a shared two-core machine.
    }, 120_000);
  }
});
