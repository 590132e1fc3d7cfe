import { request as httpRequest } from 'node:http';
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

/** Its own connection each time: on a body over the limit the server answers early and closes. */
function send(
  path: string,
  token: string | undefined,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(
      `${runtime.urls.gateway}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': contentType,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          // The national portal signs its pushes (SECURITY.md): a rejection must be for the body.
          ...(path.startsWith('/v1/national/') ? signedPushHeaders(body) : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolvePromise({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type']),
            body: text,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
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

const edit =
  (change: (body: Body) => void) =>
  (valid: Body): Body => {
    const body = structuredClone(valid);
    change(body);
    return body;
  };
const at = (body: Body, key: string) => body[key] as Body;
const first = (body: Body, key: string) => (body[key] as Body[])[0] as Body;
const oversized = (valid: Body) => ({ ...valid, padding: 'x'.repeat(2 * 1024 * 1024) });
const malformed = () => '{"dossierCode": "000.00.12.H12-250314-0001",';

const rejections: Rejection[] = [
  // POST /v1/dossiers
  { route: 'POST /v1/dossiers', rejection: 'malformed JSON', body: malformed, status: 400, field: '$' },
  {
    route: 'POST /v1/dossiers',
    rejection: 'wrong type',
    body: edit((b) => {
      b.version = '2';
    }),
    status: 400,
    field: '$.version',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'missing required',
    body: edit((b) => {
      delete b.summary;
    }),
    status: 400,
    field: '$.summary',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'unknown field',
    body: edit((b) => {
      at(b, 'applicant').dateOfBirth = '1990-01-01';
    }),
    status: 400,
    field: '$.applicant.dateOfBirth',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'invalid code format',
    body: edit((b) => {
      b.procedureCode = '1.0107';
    }),
    status: 400,
    field: '$.procedureCode',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'invalid enum',
    body: edit((b) => {
      b.channel = 'fax';
    }),
    status: 400,
    field: '$.channel',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'too long text',
    body: edit((b) => {
      b.summary = 'Đ'.repeat(1001);
    }),
    status: 400,
    field: '$.summary',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'negative amount',
    body: edit((b) => {
      first(b, 'fees').amount = -8000;
    }),
    status: 400,
    field: '$.fees[0].amount',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'decimal amount',
    body: edit((b) => {
      first(b, 'fees').amount = 8000.5;
    }),
    status: 400,
    field: '$.fees[0].amount',
  },
  {
    route: 'POST /v1/dossiers',
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: 'text/plain',
    status: 415,
  },
  { route: 'POST /v1/dossiers', rejection: 'oversized', body: oversized, status: 413 },

  // POST /v1/dossiers/{code}/status
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'malformed JSON',
    body: malformed,
    status: 400,
    field: '$',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'wrong type',
    body: edit((b) => {
      b.at = 20250314083000;
    }),
    status: 400,
    field: '$.at',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'missing required',
    body: edit((b) => {
      delete b.handledBy;
    }),
    status: 400,
    field: '$.handledBy',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'unknown field',
    body: edit((b) => {
      at(b, 'handledBy').phone = '0912345678';
    }),
    status: 400,
    field: '$.handledBy.phone',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'invalid code format',
    body: (b) => b,
    path: '/v1/dossiers/H12-2025-7/status',
    status: 400,
    field: '$.code',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'invalid enum',
    body: edit((b) => {
      b.status = 'done';
    }),
    status: 400,
    field: '$.status',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'too long text',
    body: edit((b) => {
      at(b, 'handledBy').name = 'Nguyễn '.repeat(8);
    }),
    status: 400,
    field: '$.handledBy.name',
  },
  {
    route: 'POST /v1/dossiers/{code}/status',
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: 'application/xml',
    status: 415,
  },
  { route: 'POST /v1/dossiers/{code}/status', rejection: 'oversized', body: oversized, status: 413 },

  // POST /v1/national/dossiers
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'malformed JSON',
    body: malformed,
    status: 400,
    field: '$',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'wrong type',
    body: edit((b) => {
      b.KenhThucHien = 2;
    }),
    status: 400,
    field: '$.KenhThucHien',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'missing required',
    body: edit((b) => {
      delete b.TrichYeuHoSo;
    }),
    status: 400,
    field: '$.TrichYeuHoSo',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'invalid code format',
    body: edit((b) => {
      b.MaTTHC = 'TTHC-01';
    }),
    status: 400,
    field: '$.MaTTHC',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'invalid enum',
    body: edit((b) => {
      b.TrangThaiHoSo = '11';
    }),
    status: 400,
    field: '$.TrangThaiHoSo',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'too long text',
    body: edit((b) => {
      b.TrichYeuHoSo = 'Đ'.repeat(1001);
    }),
    status: 400,
    field: '$.TrichYeuHoSo',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'negative amount',
    body: edit((b) => {
      first(b, 'DanhSachLePhi').Gia = '-8000';
    }),
    status: 400,
    field: '$.DanhSachLePhi[0].Gia',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'decimal amount',
    body: edit((b) => {
      first(b, 'DanhSachLePhi').Gia = '8000.5';
    }),
    status: 400,
    field: '$.DanhSachLePhi[0].Gia',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'amount the province cannot carry (0 VND)',
    body: edit((b) => {
      first(b, 'DanhSachLePhi').Gia = '0';
    }),
    status: 400,
    field: '$.DanhSachLePhi[0].Gia',
  },
  {
    route: 'POST /v1/national/dossiers',
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
  },
  { route: 'POST /v1/national/dossiers', rejection: 'oversized', body: oversized, status: 413 },

  // POST /v1/national/status
  {
    route: 'POST /v1/national/status',
    rejection: 'malformed JSON',
    body: malformed,
    status: 400,
    field: '$',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'wrong type',
    body: edit((b) => {
      b.TrangThai = 2;
    }),
    status: 400,
    field: '$.TrangThai',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'missing required',
    body: edit((b) => {
      delete b.NguoiXuLy;
    }),
    status: 400,
    field: '$.NguoiXuLy',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'invalid code format',
    body: edit((b) => {
      b.MaHoSo = '000.00.12.H12-250230-0001';
    }),
    status: 400,
    field: '$.MaHoSo',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'invalid enum',
    body: edit((b) => {
      b.TrangThai = '0';
    }),
    status: 400,
    field: '$.TrangThai',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'too long text',
    body: edit((b) => {
      b.NguoiXuLy = 'Phạm '.repeat(11);
    }),
    status: 400,
    field: '$.NguoiXuLy',
  },
  {
    route: 'POST /v1/national/status',
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: 'text/plain',
    status: 415,
  },
  { route: 'POST /v1/national/status', rejection: 'oversized', body: oversized, status: 413 },

  // POST /oauth/token
  { route: 'POST /oauth/token', rejection: 'malformed JSON', body: malformed, status: 400, field: '$' },
  {
    route: 'POST /oauth/token',
    rejection: 'wrong type',
    body: edit((b) => {
      b.client_id = 42;
    }),
    status: 400,
    field: '$.client_id',
  },
  {
    route: 'POST /oauth/token',
    rejection: 'missing required',
    body: edit((b) => {
      delete b.client_secret;
    }),
    status: 400,
    field: '$.client_secret',
  },
  {
    route: 'POST /oauth/token',
    rejection: 'invalid enum',
    body: edit((b) => {
      b.grant_type = 'password';
    }),
    status: 400,
    field: '$.grant_type',
  },
  {
    route: 'POST /oauth/token',
    rejection: 'too long text',
    body: edit((b) => {
      b.client_id = 'c'.repeat(201);
    }),
    status: 400,
    field: '$.client_id',
  },
  {
    route: 'POST /oauth/token',
    rejection: 'wrong content type',
    body: (b) => JSON.stringify(b),
    contentType: 'text/plain',
    status: 415,
  },
  { route: 'POST /oauth/token', rejection: 'oversized', body: oversized, status: 413 },
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
