import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { catalogueChangeSchema, createCatalogueService } from './national-catalogue-service';
import { createFeedbackService, feedbackChangeSchema, feedbackServices } from './national-feedback-service';
import {
  isUpdatingSchema,
  lookupSchema,
  type PortalDossier,
  type PortalProgressRow,
  type PortalReply,
  portalCodes,
  portalDossierSchema,
  portalProgressRowSchema,
  ROWS_PER_CALL,
  refusalOf,
} from './national-wire';
import { createSimulatorKit, type SimulatorEnv } from './simulator-kit';

export interface NationalPortalSimulatorOptions {
  readonly username: string;
  readonly password: string;
  /** The account's constants on the session transport [OCPS ServerConfig madonvi, dstcode]. */
  readonly madonvi: string;
  readonly dstcode: string;
  /** The account's paths [OCPS auth_endpoint, integration_endpoint, share_endpoint]. */
  readonly paths?: { readonly auth?: string; readonly integration?: string; readonly share?: string };
  /** The one client the LGSP token endpoint accepts; with it every LGSP call needs a token, without it none does (as [TH]'s). */
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

/** The LGSP paths of this kit; a deployment configures its own (they are not public). */
const lgspSimulatorPaths = {
  token: '/token',
  create: '/dvcqg/hoso/dongbo',
  update: '/dvcqg/hoso/capnhat',
  progress: '/dvcqg/tiendo/capnhat',
  lookup: '/dvcqg/hoso/tracuu',
  catalogue: '/dvcqg/danhmuc',
} as const;

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

const leadingSlash = (path: string) => `/${path.replace(/^\/+/, '')}`;

/**
 * A strict stand-in for DVCQG on both transports, from the evidence (national-wire.ts): it
 * refuses what the real portal would not take (a missing key, a number where a string is due,
 * a boolean isUpdating, MaHoSo instead of mahoso in a look-up, another account's madonvi or
 * dstcode) with the portal's own {error_code, message}, and answers as it does: error_code a
 * number on the session transport ([OCPS] reads it with getInt), a string on LGSP REST ([TH]'s
 * ResultHoSoDongBoDVCQuocGia). A progress row is recorded and does not move the dossier's
 * status: only DongBoHoSoMC does (no evidence says otherwise). Both transports act on the same
 * dossiers and record into the same `received` log.
 */
export function createNationalPortalSimulator(options: NationalPortalSimulatorOptions) {
  const now = options.now ?? Date.now;
  const paths = {
    auth: leadingSlash(options.paths?.auth ?? 'login'),
    integration: leadingSlash(options.paths?.integration ?? 'service'),
    share: leadingSlash(options.paths?.share ?? 'share'),
  };
  const sessions = new Set<string>();
  /** LGSP access token -> epoch milliseconds when it expires. */
  const tokens = new Map<string, number>();
  const dossiers = new Map<string, PortalDossier>();
  const progress = new Map<string, PortalProgressRow[]>();
  const silentDrops = new Map<string, number>();
  const catalogues = createCatalogueService();
  const feedback = createFeedbackService();
  const kit = createSimulatorKit({
    ...(options.random ? { random: options.random } : {}),
    onReset: () => {
      sessions.clear();
      tokens.clear();
      dossiers.clear();
      progress.clear();
      silentDrops.clear();
      catalogues.reset();
      feedback.reset();
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

  app.post('/_sim/catalogue', async (c) => {
    const parsed = catalogueChangeSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json({ error: 'invalid catalogue change', issues: parsed.error.issues }, 400);
    return c.json(catalogues.change(parsed.data));
  });

  app.post('/_sim/feedback', async (c) => {
    const parsed = feedbackChangeSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json({ error: 'invalid feedback change', issues: parsed.error.issues }, 400);
    return c.json(feedback.change(parsed.data));
  });

  const rejected: PortalReply = {
    error_code: portalCodes.wrongData,
    message: 'Dữ liệu không hợp lệ (simulated rejection)',
  };

  /** DongBoHoSoMC, whichever transport carried it. */
  function syncDossiers(data: unknown, isUpdating: boolean): PortalReply {
    const parsed = z.array(portalDossierSchema).min(1).safeParse(data);
    if (!parsed.success) return refusalOf(parsed.error, data);
    for (const dossier of parsed.data) {
      if (!isUpdating && dossiers.has(dossier.MaHoSo)) {
        return { error_code: portalCodes.exists, message: `Hồ sơ ${dossier.MaHoSo} đã tồn tại` };
      }
      if (isUpdating && !dossiers.has(dossier.MaHoSo)) {
        return {
          error_code: portalCodes.notFound,
          message: `Không tìm thấy hồ sơ ${dossier.MaHoSo} để cập nhật`,
        };
      }
    }
    for (const dossier of parsed.data) {
      if (dossiers.has(dossier.MaHoSo) && dropsUpdate(dossier.MaHoSo)) continue;
      dossiers.set(dossier.MaHoSo, dossier);
    }
    return { error_code: portalCodes.ok, message: 'Đồng bộ thành công' };
  }

  /** CapNhatTienDoHoSoMC, whichever transport carried it: kept as the dossier's history. */
  function addProgress(data: unknown): PortalReply {
    const parsed = z.array(portalProgressRowSchema).min(1).max(ROWS_PER_CALL).safeParse(data);
    if (!parsed.success) return refusalOf(parsed.error, data);
    const unknown = parsed.data.find((row) => !dossiers.has(row.MaHoSo));
    if (unknown)
      return { error_code: portalCodes.notFound, message: `Không tìm thấy hồ sơ ${unknown.MaHoSo}` };
    for (const row of parsed.data) {
      if (dropsUpdate(row.MaHoSo)) continue;
      progress.set(row.MaHoSo, [...(progress.get(row.MaHoSo) ?? []), row]);
    }
    return { error_code: portalCodes.ok, message: 'Cập nhật tiến độ thành công' };
  }

  /** TraCuuHoSo {mahoso}: `result` lists the record, or nothing. */
  function lookUp(body: unknown): PortalReply & { found?: boolean } {
    const parsed = lookupSchema.safeParse(body);
    if (!parsed.success) return refusalOf(parsed.error, body);
    const found = dossiers.get(parsed.data.mahoso);
    return {
      error_code: portalCodes.ok,
      message: 'Thành công',
      result: found ? [found] : [],
      found: found !== undefined,
    };
  }

  // --- Session envelope -------------------------------------------------------------------

  const sessionReply = (c: Context<SimulatorEnv>, reply: PortalReply) => c.json(reply);

  app.post(paths.auth, async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (c.req.header('dstcode') !== options.dstcode) {
      return sessionReply(c, { error_code: portalCodes.session, message: 'Sai hoặc thiếu dstcode' });
    }
    if (body?.username !== options.username || body?.password !== options.password) {
      return sessionReply(c, { error_code: portalCodes.session, message: 'Sai tài khoản hoặc mật khẩu' });
    }
    const session = randomUUID();
    sessions.add(session);
    return c.json({ error_code: portalCodes.ok, session });
  });

  /** One session endpoint: the envelope checked, then the services it serves. */
  function sessionEndpoint(path: string, writes: boolean) {
    app.post(path, kit.withFaults, async (c) => {
      const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      if (typeof body?.session !== 'string' || !sessions.has(body.session)) {
        return sessionReply(c, {
          error_code: portalCodes.session,
          message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn',
        });
      }
      if (c.req.header('dstcode') !== options.dstcode) {
        return sessionReply(c, { error_code: portalCodes.session, message: 'Sai hoặc thiếu dstcode' });
      }
      if (body.madonvi !== options.madonvi) {
        return sessionReply(c, {
          error_code: portalCodes.wrongUnit,
          message: `madonvi ${String(body.madonvi)} không phải của tài khoản`,
        });
      }
      if (kit.faults().reject) return sessionReply(c, rejected);
      const { session: _session, madonvi: _madonvi, service, ...call } = body;
      if (service === 'TraCuuHoSo') {
        const { found: _found, ...reply } = lookUp(call);
        return sessionReply(c, reply);
      }
      // Catalogues are shared data: the share endpoint serves them [OCPS getSharingDictCollection].
      const catalogue = path === paths.share ? catalogues.answer(service, call) : undefined;
      if (catalogue) return sessionReply(c, catalogue);
      // Feedback lists are shared data too [OCPS doSyncSharingQA -> getSharingData].
      const feedbackList = path === paths.share ? feedback.answerList(service) : undefined;
      if (feedbackList) return sessionReply(c, feedbackList);
      if (writes && service === feedbackServices.reply) {
        const reply = feedback.reply(call.data);
        if (reply.error_code === portalCodes.ok) kit.record(c, body);
        return sessionReply(c, reply);
      }
      if (!writes || (service !== 'DongBoHoSoMC' && service !== 'CapNhatTienDoHoSoMC')) {
        return sessionReply(c, {
          error_code: portalCodes.wrongData,
          message: `Dịch vụ ${String(service)} không có ở ${path}`,
        });
      }
      let reply: PortalReply;
      if (service === 'CapNhatTienDoHoSoMC') {
        reply = addProgress(call.data);
      } else {
        const flag = z.object({ isUpdating: isUpdatingSchema }).safeParse(call);
        reply = flag.success
          ? syncDossiers(call.data, flag.data.isUpdating === 'True')
          : refusalOf(flag.error, call);
      }
      if (reply.error_code === portalCodes.ok) kit.record(c, body);
      return sessionReply(c, reply);
    });
  }
  sessionEndpoint(paths.integration, true);
  if (paths.share !== paths.integration) sessionEndpoint(paths.share, false);

  // --- LGSP REST --------------------------------------------------------------------------

  /** RFC 6749 section 4.4, client authenticated by HTTP Basic or by form fields (section 2.3.1). */
  app.post(lgspSimulatorPaths.token, kit.withFaults, async (c) => {
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

  const lgspReply = (c: Context<SimulatorEnv>, reply: PortalReply, status: 200 | 401 = 200) =>
    c.json({ ...reply, error_code: String(reply.error_code) }, status);

  /**
   * With a client configured, the two ways DOMAIN.md's error 100 reaches a client: the API
   * gateway refuses an unknown token with HTTP 401, the service behind it answers an expired
   * one with error_code 100. Without one, calls go through unauthenticated, as [TH]'s do.
   */
  const requireToken: MiddlewareHandler<SimulatorEnv> = async (c, next) => {
    if (!options.lgspClient) return next();
    const token = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : tokens.get(token);
    if (expiresAt === undefined) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      return lgspReply(c, { error_code: portalCodes.session, message: 'Token không hợp lệ' }, 401);
    }
    if (now() >= expiresAt)
      return lgspReply(c, { error_code: portalCodes.session, message: 'Token đã hết hạn' });
    await next();
  };

  /** One LGSP operation; a `madonvi` header is optional, but must name a unit when sent. */
  function lgspRoute(path: string, handle: (body: unknown) => PortalReply, recordWhenOk = true) {
    app.post(path, kit.withFaults, requireToken, async (c) => {
      if (kit.faults().reject) return lgspReply(c, rejected);
      const unit = c.req.header('madonvi');
      if (unit !== undefined && !/^\d{3}\.\d{2}\.\d{2}\.[HG]\d{2}$/.test(unit)) {
        return lgspReply(c, { error_code: portalCodes.wrongUnit, message: 'Sai mã đơn vị (header madonvi)' });
      }
      const body: unknown = await c.req.json().catch(() => undefined);
      const reply = handle(body);
      if (recordWhenOk && reply.error_code === portalCodes.ok) kit.record(c, body);
      return lgspReply(c, reply);
    });
  }

  lgspRoute(lgspSimulatorPaths.create, (body) => syncDossiers(body, false));
  lgspRoute(lgspSimulatorPaths.update, (body) => syncDossiers(body, true));
  lgspRoute(lgspSimulatorPaths.progress, addProgress);
  lgspRoute(
    lgspSimulatorPaths.lookup,
    (body) => {
      const { found, ...reply } = lookUp(body);
      // The LGSP answers an unknown code with 201, unlike the session transport's empty result.
      return found === false ? { error_code: portalCodes.notFound, message: 'Không tìm thấy hồ sơ' } : reply;
    },
    false,
  );

  lgspRoute(
    lgspSimulatorPaths.catalogue,
    (body) => {
      const call = (body ?? {}) as Record<string, unknown>;
      return (
        catalogues.answer(call.service, call) ?? {
          error_code: portalCodes.wrongData,
          message: `Dịch vụ ${String(call.service)} không phải danh mục`,
        }
      );
    },
    false,
  );

  return {
    app,
    received: kit.received,
    dossiers,
    progress,
    paths,
    catalogues: catalogues.catalogues,
    feedbackReplies: feedback.replies,
  };
}

export type NationalPortalSimulator = ReturnType<typeof createNationalPortalSimulator>;
