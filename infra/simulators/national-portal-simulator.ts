import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { agencyCodeSchema } from '../../contracts/codes';
import {
  LGSP_AGENCY_HEADER,
  lgspDefaultPaths,
  lgspDossierBatchSchema,
  lgspLookupRequestSchema,
  lgspProgressBatchSchema,
  type NationalDossier,
  type NationalProgressRow,
  nationalErrorCodes,
  nationalLoginRequestSchema,
  nationalServiceRequestSchema,
} from '../../contracts/national-portal';
import { createSimulatorKit, type SimulatorEnv } from './simulator-kit';

export interface NationalPortalSimulatorOptions {
  readonly username: string;
  readonly password: string;
  /** The one client the LGSP token endpoint accepts; without it every token request is refused. */
  readonly lgspClient?: { readonly clientId: string; readonly clientSecret: string };
  /** Lifetime of LGSP tokens; default 3600 s. 0 issues tokens that are already expired. */
  readonly tokenLifetimeSeconds?: number;
  /** Epoch milliseconds; injected so tests can expire tokens. */
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * POST /_sim/silent-drops: the next `count` updates of one dossier (DongBoHoSoMC updates and
 * CapNhatTienDoHoSoMC rows) are acknowledged with success and never applied, the way a portal
 * that loses writes looks from outside. The drift check exists to notice exactly this.
 */
export const silentDropsSchema = z.strictObject({
  MaHoSo: z.string().min(1).max(100),
  count: z.number().int().min(0).max(1000).default(1),
});

type Reply = { readonly error_code: string | number; readonly message?: string; readonly result?: unknown };

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** RFC 6749 section 2.3.1: HTTP Basic of the form-encoded id and secret, else the form fields. */
function clientCredentials(authorization: string | undefined, form: Record<string, unknown>) {
  const basic = /^Basic (.+)$/i.exec(authorization ?? '')?.[1];
  if (basic === undefined) return [form.client_id, form.client_secret];
  try {
    const decoded = atob(basic);
    const colon = decoded.indexOf(':');
    if (colon < 0) return [undefined, undefined];
    return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
  } catch {
    // Malformed base64 or percent-encoding is a wrong credential, not a server error.
    return [undefined, undefined];
  }
}

/**
 * A stand-in for DVCQG on both transports (DOMAIN.md): the session envelope (login ->
 * session, then DongBoHoSoMC, CapNhatTienDoHoSoMC and TraCuuHoSo through POST /service) and
 * the LGSP REST routes (token endpoint, then one URL per operation, lgspDefaultPaths). Both
 * act on the same dossiers and progress and record into the same `received` log, so tests
 * and vendors see exactly what the portal would hold whichever way it arrived.
 */
export function createNationalPortalSimulator(options: NationalPortalSimulatorOptions) {
  const now = options.now ?? Date.now;
  const sessions = new Set<string>();
  /** LGSP access token -> epoch milliseconds when it expires. */
  const tokens = new Map<string, number>();
  const dossiers = new Map<string, NationalDossier>();
  const progress = new Map<string, NationalProgressRow[]>();
  const silentDrops = new Map<string, number>();
  const kit = createSimulatorKit({
    ...(options.random ? { random: options.random } : {}),
    onReset: () => {
      sessions.clear();
      tokens.clear();
      dossiers.clear();
      progress.clear();
      silentDrops.clear();
    },
  });
  const { app } = kit;

  /** Whether this update of the dossier is one to acknowledge and lose. */
  function dropsUpdate(dossierCode: string): boolean {
    const left = silentDrops.get(dossierCode) ?? 0;
    if (left <= 0) return false;
    if (left === 1) silentDrops.delete(dossierCode);
    else silentDrops.set(dossierCode, left - 1);
    return true;
  }

  app.post('/_sim/silent-drops', async (c) => {
    const parsed = silentDropsSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'invalid silent drops', issues: parsed.error.issues }, 400);
    if (parsed.data.count === 0) silentDrops.delete(parsed.data.MaHoSo);
    else silentDrops.set(parsed.data.MaHoSo, parsed.data.count);
    return c.json(Object.fromEntries(silentDrops));
  });

  /** DongBoHoSoMC, whichever transport carried it. */
  function syncDossiers(agencyCode: string, data: readonly NationalDossier[], isUpdating: boolean): Reply {
    for (const dossier of data) {
      if (!dossier.MaHoSo.startsWith(`${agencyCode}-`) && dossier.DonViXuLy !== agencyCode) {
        return {
          error_code: nationalErrorCodes.wrongAgency,
          message: `Mã hồ sơ ${dossier.MaHoSo} không thuộc đơn vị ${agencyCode}`,
        };
      }
      if (!isUpdating && dossiers.has(dossier.MaHoSo)) {
        return { error_code: '-3', message: `Hồ sơ ${dossier.MaHoSo} đã tồn tại` };
      }
    }
    for (const dossier of data) {
      if (dossiers.has(dossier.MaHoSo) && dropsUpdate(dossier.MaHoSo)) continue;
      dossiers.set(dossier.MaHoSo, dossier);
    }
    return { error_code: nationalErrorCodes.ok, message: 'Đồng bộ thành công' };
  }

  /** CapNhatTienDoHoSoMC, whichever transport carried it. */
  function addProgress(rows: readonly NationalProgressRow[]): Reply {
    const unknown = rows.find((row) => !dossiers.has(row.MaHoSo));
    if (unknown) {
      return { error_code: nationalErrorCodes.notFound, message: `Không tìm thấy hồ sơ ${unknown.MaHoSo}` };
    }
    for (const row of rows) {
      if (dropsUpdate(row.MaHoSo)) continue;
      progress.set(row.MaHoSo, [...(progress.get(row.MaHoSo) ?? []), row]);
      const dossier = dossiers.get(row.MaHoSo);
      if (dossier) dossiers.set(row.MaHoSo, { ...dossier, TrangThaiHoSo: row.TrangThai });
    }
    return { error_code: nationalErrorCodes.ok, message: 'Cập nhật tiến độ thành công' };
  }

  function invalidData(issues: readonly { path: PropertyKey[]; message: string }[]): Reply {
    const problems = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return {
      error_code: nationalErrorCodes.wrongData,
      message: `Dữ liệu không hợp lệ: ${problems.join('; ')}`,
    };
  }

  // --- Session envelope -------------------------------------------------------------------

  app.post('/login', async (c) => {
    const parsed = nationalLoginRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (
      !parsed.success ||
      parsed.data.username !== options.username ||
      parsed.data.password !== options.password
    ) {
      return c.json({
        error_code: Number(nationalErrorCodes.authentication),
        message: 'Sai tài khoản hoặc mật khẩu',
      });
    }
    const session = randomUUID();
    sessions.add(session);
    return c.json({ error_code: 0, session });
  });

  app.post('/service', kit.withFaults, async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body?.session !== 'string' || !sessions.has(body.session)) {
      return c.json({
        error_code: nationalErrorCodes.authentication,
        message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn',
      });
    }
    if (kit.faults().reject) {
      return c.json({
        error_code: nationalErrorCodes.wrongData,
        message: 'Dữ liệu không hợp lệ (simulated rejection)',
      });
    }
    const parsed = nationalServiceRequestSchema.safeParse(body);
    if (!parsed.success) return c.json(invalidData(parsed.error.issues));
    const call = parsed.data;
    if (call.service === 'TraCuuHoSo') {
      const found = dossiers.get(call.MaHoSo);
      return c.json({ error_code: nationalErrorCodes.ok, result: found ? [found] : [] });
    }
    const reply =
      call.service === 'CapNhatTienDoHoSoMC'
        ? addProgress(call.data)
        : syncDossiers(call.madonvi, call.data, call.isUpdating === true || call.isUpdating === 'true');
    if (reply.error_code === nationalErrorCodes.ok) kit.record(c, body);
    return c.json(reply);
  });

  // --- LGSP REST --------------------------------------------------------------------------

  const route = (path: string) => `/${path}`;

  /** RFC 6749 section 4.4, client authenticated by HTTP Basic or by form fields (section 2.3.1). */
  app.post(route(lgspDefaultPaths.token), kit.withFaults, async (c) => {
    const form = /x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')
      ? await c.req.parseBody()
      : {};
    if (form.grant_type !== 'client_credentials') {
      return c.json(
        { error: 'unsupported_grant_type', error_description: 'Chỉ hỗ trợ grant_type=client_credentials' },
        400,
      );
    }
    const [clientId, clientSecret] = clientCredentials(c.req.header('authorization'), form);
    if (
      !options.lgspClient ||
      clientId !== options.lgspClient.clientId ||
      clientSecret !== options.lgspClient.clientSecret
    ) {
      c.header('www-authenticate', 'Basic realm="lgsp"');
      return c.json({ error: 'invalid_client', error_description: 'Sai client_id hoặc client_secret' }, 401);
    }
    const lifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    const token = randomUUID();
    tokens.set(token, now() + lifetimeSeconds * 1000);
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: lifetimeSeconds });
  });

  /**
   * The two ways DOMAIN.md's error 100 reaches a client, both produced so the adapter must
   * handle both: the API gateway refuses an unknown token with HTTP 401, the service behind it
   * answers an expired one with error_code 100 in the envelope.
   */
  const requireToken: MiddlewareHandler<SimulatorEnv> = async (c, next) => {
    const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    if (expiresAt === undefined) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return c.json({ error_code: nationalErrorCodes.authentication, message: 'Token không hợp lệ' }, 401);
    }
    if (now() >= expiresAt) {
      return c.json({ error_code: nationalErrorCodes.authentication, message: 'Token đã hết hạn' });
    }
    await next();
  };

  /** One LGSP operation: the agency from its header, the body checked against its schema. */
  function lgspRoute<T>(
    path: string,
    schema: z.ZodType<T>,
    handle: (agencyCode: string, data: T) => Reply,
    recordWhenOk = true,
  ) {
    app.post(route(path), kit.withFaults, requireToken, async (c) => {
      if (kit.faults().reject) {
        return c.json({
          error_code: nationalErrorCodes.wrongData,
          message: 'Dữ liệu không hợp lệ (simulated rejection)',
        });
      }
      const agency = agencyCodeSchema.safeParse(c.req.header(LGSP_AGENCY_HEADER));
      if (!agency.success) {
        return c.json({
          error_code: nationalErrorCodes.wrongAgency,
          message: `Thiếu hoặc sai mã đơn vị (header ${LGSP_AGENCY_HEADER})`,
        });
      }
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = schema.safeParse(body);
      if (!parsed.success) return c.json(invalidData(parsed.error.issues));
      const reply = handle(agency.data, parsed.data);
      if (recordWhenOk && reply.error_code === nationalErrorCodes.ok) kit.record(c, body);
      return c.json(reply);
    });
  }

  lgspRoute(lgspDefaultPaths.createDossier, lgspDossierBatchSchema, (agency, data) =>
    syncDossiers(agency, data, false),
  );
  lgspRoute(lgspDefaultPaths.updateDossier, lgspDossierBatchSchema, (agency, data) =>
    syncDossiers(agency, data, true),
  );
  lgspRoute(lgspDefaultPaths.updateProgress, lgspProgressBatchSchema, (_agency, rows) => addProgress(rows));
  lgspRoute(
    lgspDefaultPaths.lookupDossier,
    lgspLookupRequestSchema,
    (_agency, { MaHoSo }) => {
      const found = dossiers.get(MaHoSo);
      // Unlike TraCuuHoSo on the session transport, the LGSP answers an unknown code with 201.
      return found
        ? { error_code: nationalErrorCodes.ok, result: [found] }
        : { error_code: nationalErrorCodes.notFound, message: `Không tìm thấy hồ sơ ${MaHoSo}` };
    },
    false,
  );

  return { app, received: kit.received, dossiers, progress };
}

export type NationalPortalSimulator = ReturnType<typeof createNationalPortalSimulator>;
