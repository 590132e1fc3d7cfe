import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../functions/core/dossier-message';
import { signedPushHeaders } from '../../../infra/local/demo-client';
import type { LocalRuntime } from '../../../infra/local/start-local-runtime';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { startTestRuntime, tokenFor } from '../../support/test-runtime';

/**
 * DESIGN.md, "Guarantees": bad input never gets past the edge — a clear RFC 9457 problem with
 * field paths, nothing stored, nothing queued. One row per rejection class and write route.
 */

let runtime: LocalRuntime;
const tokens = { province: '', national: '' };
const EXISTING = '000.00.12.H12-250101-0001';

beforeAll(async () => {
  runtime = await startTestRuntime();
  // Nothing consumes the queues while this file runs, so whatever a request enqueued is still
  // there to be counted.
  await Promise.all([...runtime.pollers.values()].map((poller) => poller.stop()));
  tokens.province = await tokenFor(runtime);
  tokens.national = await tokenFor(runtime, 'demo-national', 'demo-national-password');
  const created = await send(
    '/v1/dossiers',
    tokens.province,
    JSON.stringify(aDossier({ dossierCode: EXISTING })),
  );
  expect(created.status).toBe(202);
});
afterAll(() => runtime.stop());

async function send(
  path: string,
  token: string | undefined,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; contentType: string; body: string }> {
  const response = await fetch(`${runtime.urls.gateway}${path}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // The national portal signs its pushes (SECURITY.md): a rejection must be for the body.
      ...(path.startsWith('/v1/national/') ? signedPushHeaders(body) : {}),
    },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

async function queuedMessages(): Promise<number> {
  const depths = await Promise.all(
    [...runtime.queueUrls.values()].map(async (QueueUrl) => {
      const { Attributes = {} } = await runtime.deps.aws.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
      );
    }),
  );
  return depths.reduce((sum, depth) => sum + depth, 0);
}

type Body = Record<string, unknown>;

interface WriteRoute {
  readonly path: (code: string) => string;
  readonly token: () => string | undefined;
  readonly channel: Channel | undefined;
  /** A body the route accepts, for a dossier nobody else in this file uses. */
  readonly valid: (code: string) => Body;
}

/** A dossier as the portal pushes it, with a fee line and a code of its own. */
const nationalDossierBody = (code: string): Body => ({
  MaHoSo: code,
  MaTTHC: '1.010708.000.00.00.H12',
  TenTTHC: 'Đăng ký khai sinh',
  KenhThucHien: '2',
  ChuHoSo: 'Lê Thị Cúc',
  LoaiDoiTuong: '1',
  TrichYeuHoSo: 'Đăng ký khai sinh nộp trực tuyến',
  NgayTiepNhan: '20250314100000',
  NgayHenTra: '20250317170000',
  TrangThaiHoSo: '1',
  HinhThuc: '0',
  DonViXuLy: '000.00.12.H12',
  DanhSachLePhi: [
    { TenPhiLePhi: 'Lệ phí', MaPhiLePhi: 'LP01', HinhThucThu: '1', Gia: '8000', LoaiPhiLePhi: '1' },
  ],
});

const routes = {
  'POST /v1/dossiers': {
    path: () => '/v1/dossiers',
    token: () => tokens.province,
    channel: 'national',
    valid: (code) => aDossier({ dossierCode: code }),
  },
  'POST /v1/dossiers/{code}/status': {
    path: () => `/v1/dossiers/${EXISTING}/status`,
    token: () => tokens.province,
    channel: 'national',
    valid: (code) => ({ ...aStatusChange(`evt-${code}`, 'processing', 30) }),
  },
  'POST /v1/national/dossiers': {
    path: () => '/v1/national/dossiers',
    token: () => tokens.national,
    channel: 'province',
    valid: nationalDossierBody,
  },
  'POST /v1/national/status': {
    path: () => '/v1/national/status',
    token: () => tokens.national,
    channel: 'province',
    valid: (code) => ({
      MaHoSo: code,
      NguoiXuLy: 'Phạm Văn Dũng',
      ThoiDiemXuLy: '20250314103000',
      TrangThai: '2',
    }),
  },
  'POST /oauth/token': {
    path: () => '/oauth/token',
    token: () => undefined,
    channel: undefined,
    valid: () => ({
      grant_type: 'client_credentials',
      client_id: 'demo-province',
      client_secret: 'demo-secret',
    }),
  },
} satisfies Record<string, WriteRoute>;

type RouteName = keyof typeof routes;

interface Rejection {
  readonly route: RouteName;
  readonly rejection: string;
  /** The body to send, from a valid one; a string is sent as it is. */
  readonly body: (valid: Body) => Body | string;
  readonly contentType?: string;
  /** Replaces the path, for a code in the URL. */
  readonly path?: string;
  readonly status: 400 | 413 | 415;
  /** The field the problem must point at (400 only). */
  readonly field?: string;
}

/** The keys of a JSONPath such as `$.fees[0].amount`. */
const keysOf = (field: string) =>
  [...field.matchAll(/\.(\w+)|\[(\d+)\]/g)].map(([, key, index]) => key ?? Number(index));

/** The valid body with the value at `field` replaced, or removed when the value is `absent`. */
const absent = Symbol('absent');
const changedAt =
  (field: string, value: unknown) =>
  (valid: Body): Body => {
    const body = structuredClone(valid);
    const keys = keysOf(field);
    const last = keys.pop() as string | number;
    const parent = keys.reduce<Record<string | number, unknown>>(
      (node, key) => node[key] as Record<string | number, unknown>,
      body,
    );
    if (value === absent) delete parent[last];
    else parent[last] = value;
    return body;
  };

/** A 400 for a body changed at `field`, which the problem must point at. */
const invalid = (route: RouteName, rejection: string, field: string, value: unknown): Rejection => ({
  route,
  rejection,
  status: 400,
  field,
  body: changedAt(field, value),
});

/** What every write route refuses the same way: not JSON, not sent as JSON, too large. */
const everyRoute = (route: RouteName, wrongContentType: string): Rejection[] => [
  {
    route,
    rejection: 'malformed JSON',
    body: () => '{"dossierCode": "000.00.12.H12-250314-0001",',
    status: 400,
    field: '$',
  },
  {
    route,
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: wrongContentType,
    status: 415,
  },
  {
    route,
    rejection: 'oversized',
    body: (b) => ({ ...b, padding: 'x'.repeat(2 * 1024 * 1024) }),
    status: 413,
  },
];

const dossiers = 'POST /v1/dossiers';
const statuses = 'POST /v1/dossiers/{code}/status';
const nationalDossiers = 'POST /v1/national/dossiers';
const nationalStatuses = 'POST /v1/national/status';
const token = 'POST /oauth/token';

const rejections: Rejection[] = [
  ...everyRoute(dossiers, 'text/plain'),
  invalid(dossiers, 'wrong type', '$.version', '2'),
  invalid(dossiers, 'missing required', '$.summary', absent),
  invalid(dossiers, 'unknown field', '$.applicant.dateOfBirth', '1990-01-01'),
  invalid(dossiers, 'invalid code format', '$.procedureCode', '1.0107'),
  invalid(dossiers, 'invalid enum', '$.channel', 'fax'),
  invalid(dossiers, 'too long text', '$.summary', 'Đ'.repeat(1001)),
  invalid(dossiers, 'negative amount', '$.fees[0].amount', -8000),
  invalid(dossiers, 'decimal amount', '$.fees[0].amount', 8000.5),

  ...everyRoute(statuses, 'application/xml'),
  invalid(statuses, 'wrong type', '$.at', 20250314083000),
  invalid(statuses, 'missing required', '$.handledBy', absent),
  invalid(statuses, 'unknown field', '$.handledBy.phone', '0912345678'),
  {
    route: statuses,
    rejection: 'invalid code format',
    body: (b) => b,
    path: '/v1/dossiers/H12-2025-7/status',
    status: 400,
    field: '$.code',
  },
  invalid(statuses, 'invalid enum', '$.status', 'done'),
  invalid(statuses, 'too long text', '$.handledBy.name', 'Nguyễn '.repeat(8)),

  ...everyRoute(nationalDossiers, 'application/x-www-form-urlencoded'),
  // A number where a string is due is read as its digits [OCPS, TH]; an object is not a scalar.
  invalid(nationalDossiers, 'wrong type', '$.KenhThucHien', { code: '2' }),
  invalid(nationalDossiers, 'missing required', '$.TrichYeuHoSo', absent),
  invalid(nationalDossiers, 'invalid code format', '$.MaTTHC', 'TTHC-01'),
  invalid(nationalDossiers, 'invalid enum', '$.TrangThaiHoSo', '11'),
  invalid(nationalDossiers, 'too long text', '$.TrichYeuHoSo', 'Đ'.repeat(1001)),
  invalid(nationalDossiers, 'negative amount', '$.DanhSachLePhi[0].Gia', '-8000'),
  invalid(nationalDossiers, 'decimal amount', '$.DanhSachLePhi[0].Gia', '8000.5'),
  invalid(nationalDossiers, 'amount the province cannot carry (0 VND)', '$.DanhSachLePhi[0].Gia', '0'),

  ...everyRoute(nationalStatuses, 'text/plain'),
  invalid(nationalStatuses, 'wrong type', '$.TrangThai', [2]),
  invalid(nationalStatuses, 'missing required', '$.ThoiDiemXuLy', absent),
  invalid(nationalStatuses, 'invalid code format', '$.MaHoSo', '000.00.12.H12-250230-0001'),
  invalid(nationalStatuses, 'invalid enum', '$.TrangThai', '0'),
  invalid(nationalStatuses, 'too long text', '$.NoiDungXuLy', 'Đ'.repeat(2001)),

  ...everyRoute(token, 'text/plain'),
  invalid(token, 'wrong type', '$.client_id', 42),
  invalid(token, 'missing required', '$.client_secret', absent),
  invalid(token, 'invalid enum', '$.grant_type', 'password'),
  invalid(token, 'too long text', '$.client_id', 'c'.repeat(201)),
];

let lastSequence = 100;
function freshCode(): string {
  lastSequence += 1;
  return `000.00.12.H12-250401-${String(lastSequence).padStart(4, '0')}`;
}

async function storedCount(channel: Channel | undefined, code: string): Promise<number> {
  return channel ? (await runtime.deps.store.listMessages(channel, code)).length : 0;
}

describe('every write route rejects bad input with problem+json, storing and queueing nothing', () => {
  it.each(rejections.map((row) => [row.route, row.rejection, row] as const))(
    '%s: %s',
    async (routeName, _, row) => {
      const route: WriteRoute = routes[routeName];
      const code = freshCode();
      const body = row.body(route.valid(code));
      // The status route writes to an existing dossier; the others would create `code`.
      const watched = routeName === 'POST /v1/dossiers/{code}/status' ? EXISTING : code;
      const storedBefore = await storedCount(route.channel, watched);
      const queuedBefore = await queuedMessages();

      const response = await send(
        row.path ?? route.path(code),
        route.token(),
        typeof body === 'string' ? body : JSON.stringify(body),
        row.contentType,
      );

      expect(response.status).toBe(row.status);
      expect(response.contentType).toContain('application/problem+json');
      const problem = JSON.parse(response.body) as {
        type: string;
        title: string;
        status: number;
        detail: string;
        errors?: { path: string; message: string }[];
      };
      expect(problem).toMatchObject({
        type: expect.stringMatching(/^\/problems\/request\./),
        title: expect.stringContaining(' / '),
        status: row.status,
        detail: expect.any(String),
      });
      if (row.field) {
        expect(problem.errors).toContainEqual({
          path: row.field,
          // Vietnamese, then English.
          message: expect.stringMatching(/^[^/]*[^\p{ASCII}][^/]* \/ [A-Z]/u),
        });
      }
      expect(await storedCount(route.channel, watched)).toBe(storedBefore);
      expect(await queuedMessages()).toBe(queuedBefore);
    },
  );

  it('covers every rejection class on every write route where the class applies', () => {
    const everywhere = [
      'malformed JSON',
      'wrong type',
      'missing required',
      'invalid enum',
      'too long text',
      'wrong content type',
      'oversized',
    ];
    const applies: Record<RouteName, string[]> = {
      'POST /v1/dossiers': [
        ...everywhere,
        'unknown field',
        'invalid code format',
        'negative amount',
        'decimal amount',
      ],
      'POST /v1/dossiers/{code}/status': [...everywhere, 'unknown field', 'invalid code format'],
      // Unknown fields of the portal's format are ignored (see below), not refused.
      'POST /v1/national/dossiers': [
        ...everywhere,
        'invalid code format',
        'negative amount',
        'decimal amount',
      ],
      'POST /v1/national/status': [...everywhere, 'invalid code format'],
      // No codes or amounts; unknown parameters are ignored (RFC 6749 section 3.2).
      'POST /oauth/token': everywhere,
    };
    for (const [route, classes] of Object.entries(applies)) {
      const covered = rejections.filter((row) => row.route === route).map((row) => row.rejection);
      expect(covered, route).toEqual(expect.arrayContaining(classes));
    }
  });
});

describe('the unknown-fields policy', () => {
  it('refuses an unknown field anywhere in a provincial object', async () => {
    const code = freshCode();
    const response = await send(
      '/v1/dossiers',
      tokens.province,
      JSON.stringify({ ...aDossier({ dossierCode: code }), priority: 'high' }),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([
      {
        path: '$.priority',
        message: 'Trường không được hỗ trợ / Unknown field: remove it or check its spelling',
      },
    ]);
    expect(await storedCount('national', code)).toBe(0);
  });

  it('reads the national portal’s dossier tolerantly: fields the gateway does not read are ignored', async () => {
    const code = freshCode();
    const queuedBefore = await queuedMessages();
    const response = await send(
      '/v1/national/dossiers',
      tokens.national,
      JSON.stringify({ ...nationalDossierBody(code), DanhSachHoSoBoSung: [], TruongMoi: 'x' }),
    );
    expect(response.status).toBe(202);
    const stored = await runtime.deps.store.getMessage('province', code, 1);
    expect(stored?.payload).toMatchObject({ dossierCode: code, applicant: { name: 'Lê Thị Cúc' } });
    expect(JSON.stringify(stored?.payload)).not.toMatch(/DanhSachHoSoBoSung|TruongMoi/);
    // The same measures the rejections above are held to do see an accepted message.
    expect(await queuedMessages()).toBe(queuedBefore + 1);
  });

  it('reads the national portal’s progress row tolerantly too', async () => {
    const code = freshCode();
    const response = await send(
      '/v1/national/status',
      tokens.national,
      JSON.stringify({ ...routes['POST /v1/national/status'].valid(code), TruongMoi: 'x' }),
    );
    expect(response.status).toBe(202);
  });

  it('ignores unknown token request parameters, as RFC 6749 section 3.2 requires', async () => {
    const response = await send(
      '/oauth/token',
      undefined,
      JSON.stringify({ ...routes['POST /oauth/token'].valid(), audience: 'gateway' }),
    );
    expect(response.status).toBe(200);
  });
});
