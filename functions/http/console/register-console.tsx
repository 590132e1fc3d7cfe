import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { failedMessageFilterSchema, indicatorQuerySchema } from '../../../contracts/admin-api';
import { dossierCodeSchema } from '../../../contracts/codes';
import { driftFindingStates } from '../../../contracts/drift-check';
import {
  bulkReplay,
  discardAsAdmin,
  failedMessageDetail,
  listFailedMessages,
  queueOverview,
  replayAsAdmin,
} from '../../application/admin-operations';
import { authenticateClient } from '../../application/authenticate-client';
import { getDossierView } from '../../application/get-dossier-view';
import { reportIndicators } from '../../application/report-indicators';
import { resyncDossier } from '../../application/resync-dossier';
import { viewAgencyRecoding } from '../../core/agency-recoding';
import { GatewayError, isGatewayError } from '../../core/gateway-error';
import type { IndicatorFigures } from '../../core/indicators';
import { maskPersonalData } from '../../core/mask-personal-data';
import { vietnamDay } from '../../core/vietnam-time';
import type { AccessTokenClaims } from '../../ports/access-tokens';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../create-app';
import { fieldErrorsOf } from '../problem-response';
import { AgencyCodesPage } from './agency-codes-page';
import { BarChart, consoleStyles, DataTable, Layout, type PageFrame } from './console-layout';
import { formatVietnamTime, type Language, translator } from './console-text';
import { DriftPage } from './drift-page';

const SESSION_COOKIE = 'lt_admin';
const LANGUAGE_COOKIE = 'lt_lang';
const PAGE_SIZE = 25;

type ConsoleEnv = AppEnv & { Variables: { admin: AccessTokenClaims; csrfToken: string; language: Language } };

/** The CSRF token is derived from the session: a page can embed it, another site cannot guess it. */
const csrfTokenOf = (session: string) =>
  createHash('sha256').update(`csrf:${session}`).digest('base64url').slice(0, 32);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const languageOf = (c: Context): Language => (getCookie(c, LANGUAGE_COOKIE) === 'en' ? 'en' : 'vi');

function frame(
  c: Context<ConsoleEnv>,
  active: PageFrame['active'],
  title: string,
  notice?: string,
): PageFrame {
  const language = c.var.language;
  return {
    language,
    t: translator(language),
    active,
    title,
    signedInAs: c.var.admin.clientId,
    csrfToken: c.var.csrfToken,
    ...(notice ? { notice } : {}),
  };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The administrators' console at /admin: server-rendered, no client script, served by the API
 * function. Cookies are Secure, HttpOnly, SameSite=Strict; every form carries a CSRF token
 * and must come from this origin.
 */
export function registerConsole(app: Hono<AppEnv>, deps: ApiDependencies) {
  const console = app as unknown as Hono<ConsoleEnv>;

  console.use(
    '/admin/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  console.use(
    '/admin',
    secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }),
  );
  console.use('/admin/*', csrf());

  console.get('/admin/assets/console.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(consoleStyles, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  console.get('/admin/language', (c) => {
    const to = c.req.query('to') === 'en' ? 'en' : 'vi';
    setCookie(c, LANGUAGE_COOKIE, to, {
      path: '/admin',
      sameSite: 'Strict',
      secure: true,
      httpOnly: true,
      maxAge: 31_536_000,
    });
    const back = c.req.header('referer');
    const target =
      back && new URL(back).origin === new URL(c.req.url).origin ? new URL(back).pathname : '/admin';
    return c.redirect(target, 303);
  });

  const loginPage = (c: Context, error?: string) => {
    const language = languageOf(c);
    const t = translator(language);
    return c.html(
      <Layout language={language} t={t} active="login" title={t('signIn')}>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/admin/login" class="filters">
          <label>
            {t('clientId')}
            <input name="client_id" autocomplete="username" required />
          </label>
          <label>
            {t('clientSecret')}
            <input name="client_secret" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t('signIn')}</button>
        </form>
      </Layout>,
      error ? 401 : 200,
    );
  };

  console.get('/admin/login', (c) => loginPage(c));
  console.post('/admin/login', async (c) => {
    const form = await c.req.parseBody();
    const t = translator(languageOf(c));
    try {
      const client = await authenticateClient(
        deps.clients,
        String(form.client_id ?? ''),
        String(form.client_secret ?? ''),
      );
      if (!client.scopes.includes('admin')) throw new GatewayError('auth.forbidden', 'not an admin client');
      const token = await deps.tokens.issue({
        clientId: client.clientId,
        scopes: client.scopes,
        agencies: client.agencies,
      });
      setCookie(c, SESSION_COOKIE, token, {
        path: '/admin',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        maxAge: deps.tokens.lifetimeSeconds,
      });
      await deps.audit.record({ actor: client.clientId, action: 'console.signIn', target: 'console' });
      return c.redirect('/admin', 303);
    } catch (error) {
      if (isGatewayError(error, 'auth.invalidClient') || isGatewayError(error, 'auth.forbidden')) {
        return loginPage(c, t('signInFailed'));
      }
      throw error;
    }
  });

  const session = createMiddleware<ConsoleEnv>(async (c, next) => {
    c.set('language', languageOf(c));
    const token = getCookie(c, SESSION_COOKIE);
    let admin: AccessTokenClaims | undefined;
    if (token) admin = await deps.tokens.verify(token).catch(() => undefined);
    if (!token || !admin?.scopes.includes('admin')) {
      if (c.req.method !== 'GET')
        throw new GatewayError('auth.unauthenticated', 'Phiên đăng nhập đã hết / Session expired');
      return c.redirect('/admin/login', 303);
    }
    c.set('admin', admin);
    c.set('csrfToken', csrfTokenOf(token));
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!sameToken(String(form.csrf ?? ''), csrfTokenOf(token))) {
        throw new GatewayError('auth.forbidden', 'Mã chống giả mạo không hợp lệ / Invalid CSRF token');
      }
    }
    await next();
  });

  console.post('/admin/logout', session, (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure: true });
    return c.redirect('/admin/login', 303);
  });

  console.get('/admin', session, async (c) => {
    const page = frame(c, 'dashboard', translator(c.var.language)('dashboard'));
    const { t } = page;
    const today = vietnamDay(deps.clock.now());
    // The month so far unless the administrator asked for another period or one agency.
    const asked = indicatorQuerySchema.safeParse({
      from: c.req.query('from') || `${today.slice(0, 8)}01`,
      to: c.req.query('to') || today,
      ...(c.req.query('agencyCode') ? { agencyCode: c.req.query('agencyCode') } : {}),
    });
    const period = asked.success ? asked.data : { from: `${today.slice(0, 8)}01`, to: today };
    const [overview, buckets, indicators] = await Promise.all([
      queueOverview(deps),
      deps.throughput.recent(new Date(deps.clock.now().getTime() - 6 * 3_600_000)),
      reportIndicators(deps, period),
    ]);
    const percent = (ratio: number | null) => (ratio === null ? '–' : `${Math.round(ratio * 1000) / 10} %`);
    const figureColumns = [
      { header: t('received'), numeric: true, cell: (row: IndicatorFigures) => row.received },
      { header: t('finished'), numeric: true, cell: (row: IndicatorFigures) => row.finished },
      { header: t('onTime'), numeric: true, cell: (row: IndicatorFigures) => row.finishedOnTime },
      { header: t('late'), numeric: true, cell: (row: IndicatorFigures) => row.finishedLate },
      { header: t('onTimeRate'), numeric: true, cell: (row: IndicatorFigures) => percent(row.onTimeRate) },
      { header: t('inProgress'), numeric: true, cell: (row: IndicatorFigures) => row.inProgress },
      { header: t('onlineShare'), numeric: true, cell: (row: IndicatorFigures) => percent(row.onlineShare) },
      { header: t('refused'), numeric: true, cell: (row: IndicatorFigures) => row.refused },
    ];
    const oneAgency = 'agencyCode' in period ? indicators.agencies[0] : undefined;
    // Every ten-minute slot of the window gets a bar, empty or not, so the time axis is honest.
    const slots = Array.from({ length: 36 }, (_, index) => {
      const at = new Date(deps.clock.now().getTime() - (35 - index) * 600_000);
      const minutes = String(Math.floor(at.getUTCMinutes() / 10) * 10).padStart(2, '0');
      return `${at.toISOString().slice(0, 13)}:${minutes}`;
    });
    const seriesOf = (channel: string) =>
      slots.map((slot) => {
        const found = buckets.find((bucket) => bucket.channel === channel && bucket.bucket === slot);
        return { bucket: slot, delivered: found?.delivered ?? 0, failed: found?.failed ?? 0 };
      });
    return c.html(
      <Layout {...page}>
        <h2>{t('queues')}</h2>
        <DataTable
          rows={overview.queues}
          columns={[
            {
              header: t('queue'),
              rowHeader: true,
              cell: (queue) => (
                <a href={`/admin/failed?queue=${encodeURIComponent(queue.name)}`}>{queue.name}</a>
              ),
            },
            { header: t('depth'), numeric: true, cell: (queue) => queue.depth },
            { header: t('inFlight'), numeric: true, cell: (queue) => queue.inFlight },
            { header: t('deadLetters'), numeric: true, cell: (queue) => queue.deadLetterDepth },
            { header: t('parked'), numeric: true, cell: (queue) => queue.parked },
          ]}
        />
        <p>
          {t('oldestPending')}:{' '}
          <strong>
            {overview.oldestPendingAgeSeconds === null ? t('none') : `${overview.oldestPendingAgeSeconds} s`}
          </strong>
        </p>
        <h2 id="indicators">{t('indicators')}</h2>
        {asked.success ? null : (
          <p class="error" role="alert">
            {fieldErrorsOf(asked.error)
              .map((error) => `${error.path}: ${error.message}`)
              .join('; ')}
          </p>
        )}
        <form method="get" action="/admin#indicators" class="filters" aria-label={t('indicators')}>
          <label>
            {t('from')}
            <input type="date" name="from" value={period.from} />
          </label>
          <label>
            {t('to')}
            <input type="date" name="to" value={period.to} />
          </label>
          <label>
            {t('agencyCode')}
            <input name="agencyCode" value={'agencyCode' in period ? (period.agencyCode ?? '') : ''} />
          </label>
          <button type="submit">{t('show')}</button>
        </form>
        {indicators.agencies.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable
            rows={indicators.agencies}
            columns={[
              {
                header: t('agencyCode'),
                rowHeader: true,
                cell: (agency) => (
                  <a
                    href={`/admin?from=${period.from}&to=${period.to}&agencyCode=${encodeURIComponent(agency.agencyCode)}#indicators`}
                  >
                    {agency.agencyCode}
                  </a>
                ),
              },
              ...figureColumns,
            ]}
          />
        )}
        {oneAgency && oneAgency.procedures.length > 0 ? (
          <>
            <h3>{t('byProcedure')}</h3>
            <DataTable
              rows={oneAgency.procedures}
              columns={[
                { header: t('procedureCode'), rowHeader: true, cell: (row) => row.procedureCode },
                ...figureColumns,
              ]}
            />
          </>
        ) : null}
        <h2>{t('throughput')}</h2>
        <div class="cards">
          <div class="card">
            <BarChart
              label={t('toNational')}
              series={seriesOf('national')}
              legend={{ delivered: t('delivered'), failed: t('failed') }}
            />
          </div>
          <div class="card">
            <BarChart
              label={t('toProvince')}
              series={seriesOf('province')}
              legend={{ delivered: t('delivered'), failed: t('failed') }}
            />
          </div>
        </div>
      </Layout>,
    );
  });

  console.get('/admin/failed', session, async (c) => {
    const t = translator(c.var.language);
    const query = c.req.query();
    const parsed = failedMessageFilterSchema.safeParse(
      Object.fromEntries(
        Object.entries(query).filter(
          ([key, value]) => value !== '' && key !== 'cursor' && key !== 'done' && key !== 'status',
        ),
      ),
    );
    const filter = parsed.success ? parsed.data : {};
    const status = ['parked', 'replayed', 'discarded'].includes(query.status ?? '')
      ? (query.status as 'parked')
      : 'parked';
    const result = await listFailedMessages(
      deps,
      { ...filter, status },
      { limit: PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) },
    );
    const notice = query.done ? `${t('done')}: ${query.done}` : undefined;
    const page = frame(c, 'failed', t('failedMessages'), notice);
    const queueNames = Object.values(deps.queues).map((queue) => queue.name);
    const filterFields = (
      <>
        <input type="hidden" name="csrf" value={c.var.csrfToken} />
        {Object.entries(filter).map(([key, value]) => (
          <input type="hidden" name={key} value={String(value)} />
        ))}
      </>
    );
    const nextQuery = new URLSearchParams({
      ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])),
      status,
    });
    if (result.cursor) nextQuery.set('cursor', result.cursor);
    return c.html(
      <Layout {...page}>
        {parsed.success ? null : (
          <p class="error" role="alert">
            {fieldErrorsOf(parsed.error)
              .map((error) => `${error.path}: ${error.message}`)
              .join('; ')}
          </p>
        )}
        <form method="get" action="/admin/failed" class="filters" aria-label={t('filter')}>
          <label>
            {t('queue')}
            <select name="queue">
              <option value="">{t('all')}</option>
              {queueNames.map((name) => (
                <option value={name} selected={filter.queue === name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dossierCode')}
            <input name="dossierCode" value={filter.dossierCode ?? ''} />
          </label>
          <label>
            {t('agencyCode')}
            <input name="agencyCode" value={filter.agencyCode ?? ''} />
          </label>
          <label>
            {t('reason')}
            <select name="reason">
              <option value="">{t('all')}</option>
              <option value="rejected" selected={filter.reason === 'rejected'}>
                {t('rejected')}
              </option>
              <option value="exhausted" selected={filter.reason === 'exhausted'}>
                {t('exhausted')}
              </option>
            </select>
          </label>
          <label>
            {t('status')}
            <select name="status">
              {(['parked', 'replayed', 'discarded'] as const).map((value) => (
                <option value={value} selected={status === value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('from')}
            <input name="from" placeholder="2025-03-14T00:00:00+07:00" value={filter.from ?? ''} />
          </label>
          <label>
            {t('to')}
            <input name="to" placeholder="2025-03-15T00:00:00+07:00" value={filter.to ?? ''} />
          </label>
          <button type="submit">{t('filter')}</button>
        </form>
        {result.items.length === 0 ? (
          <p>{t('noFailed')}</p>
        ) : (
          <DataTable
            rows={result.items}
            columns={[
              { header: t('parkedAt'), cell: (item) => formatVietnamTime(item.parkedAt) },
              {
                header: t('dossierCode'),
                cell: (item) => (
                  <a href={`/admin/dossiers?code=${encodeURIComponent(item.dossierCode)}`}>
                    {item.dossierCode}
                  </a>
                ),
              },
              { header: t('agencyCode'), cell: (item) => item.agencyCode },
              { header: t('kind'), cell: (item) => item.kind },
              {
                header: t('reason'),
                cell: (item) => (item.reason === 'rejected' ? t('rejected') : t('exhausted')),
              },
              { header: t('lastError'), cell: (item) => item.lastError },
              { header: t('attempts'), numeric: true, cell: (item) => item.attempts },
              {
                header: t('details'),
                cell: (item) => (
                  <a
                    href={`/admin/failed/${encodeURIComponent(item.messageId)}`}
                    aria-label={`${t('details')} ${item.dossierCode} #${item.sequence}`}
                  >
                    {t('details')}
                  </a>
                ),
              },
            ]}
          />
        )}
        {result.cursor ? (
          <p>
            <a href={`/admin/failed?${nextQuery.toString()}`}>{t('next')}</a>
          </p>
        ) : null}
        {status === 'parked' && result.items.length > 0 ? (
          <form method="post" action="/admin/failed/replay" class="filters">
            {filterFields}
            <label class="check">
              <input type="checkbox" name="dryRun" value="true" checked />
              {t('dryRun')}
            </label>
            <button type="submit">{t('bulkReplay')}</button>
          </form>
        ) : null}
      </Layout>,
    );
  });

  console.post('/admin/failed/replay', session, async (c) => {
    const t = translator(c.var.language);
    const form = await c.req.parseBody();
    const parsed = failedMessageFilterSchema.safeParse(
      Object.fromEntries(
        Object.entries(form).filter(
          ([key, value]) => typeof value === 'string' && value !== '' && key !== 'csrf' && key !== 'dryRun',
        ),
      ),
    );
    if (!parsed.success)
      throw new GatewayError('request.invalid', 'Bộ lọc không hợp lệ / Invalid filter', {
        fieldErrors: fieldErrorsOf(parsed.error),
      });
    const dryRun = form.dryRun === 'true';
    const result = await bulkReplay(deps, parsed.data, { actor: c.var.admin.clientId, dryRun });
    const summary = dryRun
      ? `${result.matched} ${t('matched')}`
      : `${result.replayed.length} ${t('replayedCount')}`;
    const back = new URLSearchParams({
      ...Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)])),
      done: summary,
    });
    return c.redirect(`/admin/failed?${back.toString()}`, 303);
  });

  console.get('/admin/failed/:id', session, async (c) => {
    const t = translator(c.var.language);
    const detail = await failedMessageDetail(deps, c.req.param('id'));
    const reveal = c.var.admin.scopes.includes('pii:read');
    const shown = (payload: unknown) => (reveal ? payload : maskPersonalData(payload));
    const notice = c.req.query('done') ? `${t('done')}: ${c.req.query('done')}` : undefined;
    const page = frame(
      c,
      'failed',
      `${t('failedMessages')}: ${detail.failed.dossierCode} #${detail.failed.sequence}`,
      notice,
    );
    const { failed, message } = detail;
    return c.html(
      <Layout {...page}>
        <dl class="facts">
          <dt>{t('queue')}</dt>
          <dd>{failed.queue}</dd>
          <dt>{t('dossierCode')}</dt>
          <dd>
            <a href={`/admin/dossiers?code=${encodeURIComponent(failed.dossierCode)}`}>
              {failed.dossierCode}
            </a>
          </dd>
          <dt>{t('agencyCode')}</dt>
          <dd>{failed.agencyCode}</dd>
          <dt>{t('kind')}</dt>
          <dd>{failed.kind}</dd>
          <dt>{t('status')}</dt>
          <dd>{failed.status}</dd>
          <dt>{t('reason')}</dt>
          <dd>{failed.reason === 'rejected' ? t('rejected') : t('exhausted')}</dd>
          <dt>{t('lastError')}</dt>
          <dd>{failed.lastError}</dd>
          <dt>{t('parkedAt')}</dt>
          <dd>{formatVietnamTime(failed.parkedAt)}</dd>
          <dt>Message id</dt>
          <dd>{failed.messageId}</dd>
          <dt>Trace id</dt>
          <dd>{message?.traceId ?? ''}</dd>
        </dl>
        <h2>{t('payload')}</h2>
        {reveal ? null : <p class="notice">{t('piiMasked')}</p>}
        <pre class="json" tabindex={0}>
          {json(shown(message?.payload))}
        </pre>
        {message?.originalPayload === undefined ? null : (
          <>
            <h2>{t('originalPayload')}</h2>
            <pre class="json" tabindex={0}>
              {json(shown(message.originalPayload))}
            </pre>
          </>
        )}
        <h2>{t('attemptsLog')}</h2>
        <DataTable
          rows={detail.attempts}
          columns={[
            { header: t('at'), cell: (attempt) => formatVietnamTime(attempt.at) },
            { header: t('outcome'), cell: (attempt) => attempt.outcome },
            { header: t('latency'), numeric: true, cell: (attempt) => attempt.latencyMs },
            { header: t('detail'), cell: (attempt) => attempt.detail },
          ]}
        />
        {failed.status === 'parked' ? (
          <section class="actions" aria-label={t('replay')}>
            <form method="post" action={`/admin/failed/${encodeURIComponent(failed.messageId)}/replay`}>
              <input type="hidden" name="csrf" value={c.var.csrfToken} />
              <button type="submit">{t('replay')}</button>
            </form>
            {reveal ? (
              <form method="post" action={`/admin/failed/${encodeURIComponent(failed.messageId)}/replay`}>
                <input type="hidden" name="csrf" value={c.var.csrfToken} />
                <label>
                  {t('payload')}
                  <textarea name="payload">{json(message?.payload)}</textarea>
                </label>
                <button type="submit" class="secondary">
                  {t('editReplay')}
                </button>
              </form>
            ) : null}
            <form method="post" action={`/admin/failed/${encodeURIComponent(failed.messageId)}/discard`}>
              <input type="hidden" name="csrf" value={c.var.csrfToken} />
              <label>
                {t('discardReason')}
                <textarea name="reason" required minlength={3} />
              </label>
              <button type="submit" class="secondary">
                {t('discard')}
              </button>
            </form>
          </section>
        ) : null}
      </Layout>,
    );
  });

  console.post('/admin/failed/:id/replay', session, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    let editedPayload: unknown;
    if (typeof form.payload === 'string' && form.payload.trim() !== '') {
      if (!c.var.admin.scopes.includes('pii:read'))
        throw new GatewayError(
          'auth.forbidden',
          'Cần quyền pii:read để sửa nội dung / Editing needs pii:read',
        );
      try {
        editedPayload = JSON.parse(form.payload);
      } catch {
        throw new GatewayError(
          'request.invalid',
          'Nội dung sửa không phải JSON / The edited payload is not JSON',
          {
            fieldErrors: [{ path: '$.payload', message: 'not JSON' }],
          },
        );
      }
    }
    await replayAsAdmin(deps, id, {
      actor: c.var.admin.clientId,
      ...(editedPayload === undefined ? {} : { editedPayload }),
    });
    return c.redirect(
      `/admin/failed/${encodeURIComponent(id)}?done=${encodeURIComponent(translator(c.var.language)('replay'))}`,
      303,
    );
  });

  console.post('/admin/failed/:id/discard', session, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    await discardAsAdmin(deps, id, { actor: c.var.admin.clientId, reason: String(form.reason ?? '') });
    return c.redirect(
      `/admin/failed/${encodeURIComponent(id)}?done=${encodeURIComponent(translator(c.var.language)('discard'))}`,
      303,
    );
  });

  console.get('/admin/drift', session, async (c) => {
    const t = translator(c.var.language);
    const asked = c.req.query('state');
    const state = driftFindingStates.find((candidate) => candidate === asked);
    const cursor = c.req.query('cursor');
    const [findings, runs] = await Promise.all([
      deps.drift.listFindings({
        limit: PAGE_SIZE,
        ...(state ? { states: [state] } : {}),
        ...(cursor ? { cursor } : {}),
      }),
      deps.drift.listRuns(1),
    ]);
    const notice = c.req.query('done') ? `${t('done')}: ${c.req.query('done')}` : undefined;
    return c.html(
      <DriftPage
        frame={{ ...frame(c, 'drift', t('drift'), notice), csrfToken: c.var.csrfToken }}
        findings={findings.items}
        state={state}
        {...(findings.cursor ? { cursor: findings.cursor } : {})}
        lastRun={runs[0]}
      />,
    );
  });

  console.post('/admin/drift/:code/resync', session, async (c) => {
    const code = dossierCodeSchema.safeParse(c.req.param('code'));
    if (!code.success)
      throw new GatewayError('request.invalid', 'Mã hồ sơ không hợp lệ / Invalid dossier code', {
        fieldErrors: fieldErrorsOf(code.error),
      });
    await resyncDossier(deps, code.data, { actor: c.var.admin.clientId });
    const done = `${translator(c.var.language)('resync')} ${code.data}`;
    return c.redirect(`/admin/drift?done=${encodeURIComponent(done)}`, 303);
  });

  console.get('/admin/dossiers', session, async (c) => {
    const t = translator(c.var.language);
    const code = c.req.query('code') ?? '';
    const page = frame(c, 'dossiers', t('dossiers'));
    const valid = dossierCodeSchema.safeParse(code);
    const view = valid.success
      ? await getDossierView(deps.store, valid.data, deps.agencyNames).catch((error: unknown) =>
          isGatewayError(error, 'dossier.notFound') ? undefined : Promise.reject(error),
        )
      : undefined;
    return c.html(
      <Layout {...page}>
        <search>
          <form method="get" action="/admin/dossiers" class="filters">
            <label>
              {t('dossierCode')}
              <input name="code" value={code} placeholder="000.00.12.H12-250314-0007" />
            </label>
            <button type="submit">{t('search')}</button>
          </form>
        </search>
        {code && !valid.success ? (
          <p class="error" role="alert">
            {valid.error.issues[0]?.message}
          </p>
        ) : null}
        {code && valid.success && !view ? (
          <p role="status">{`${t('dossierCode')} ${code}: ${t('none')}`}</p>
        ) : null}
        {view ? (
          <>
            <dl class="facts">
              <dt>{t('agencyCode')}</dt>
              <dd>{view.agencyCode}</dd>
              <dt>{t('localStatus')}</dt>
              <dd>{view.status}</dd>
              <dt>{t('nationalStatus')}</dt>
              <dd>{view.nationalStatus ?? ''}</dd>
              <dt>{t('syncState')}</dt>
              <dd>{view.sync.state}</dd>
              {view.sync.lastError ? (
                <>
                  <dt>{t('lastError')}</dt>
                  <dd>{view.sync.lastError}</dd>
                </>
              ) : null}
            </dl>
            <h2>{t('timeline')}</h2>
            <DataTable
              rows={view.timeline}
              columns={[
                { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
                {
                  header: t('direction'),
                  cell: (entry) => (entry.direction === 'to_national' ? t('toNational') : t('toProvince')),
                },
                { header: t('kind'), cell: (entry) => entry.kind },
                { header: t('outcome'), cell: (entry) => entry.outcome },
                { header: t('detail'), cell: (entry) => entry.detail },
              ]}
            />
          </>
        ) : null}
      </Layout>,
    );
  });

  console.get('/admin/agency-codes', session, (c) => {
    const page = frame(c, 'agencyCodes', translator(c.var.language)('agencyCodes'));
    const table = viewAgencyRecoding(deps.agencyRecoding, vietnamDay(deps.clock.now()));
    return c.html(<AgencyCodesPage page={page} table={table} />);
  });

  console.get('/admin/audit', session, async (c) => {
    const t = translator(c.var.language);
    const cursor = c.req.query('cursor');
    const result = await deps.audit.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const page = frame(c, 'audit', t('audit'));
    return c.html(
      <Layout {...page}>
        <DataTable
          rows={result.items}
          columns={[
            { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
            { header: t('actor'), cell: (entry) => entry.actor },
            { header: t('action'), cell: (entry) => entry.action },
            { header: t('target'), cell: (entry) => entry.target },
            { header: t('reason'), cell: (entry) => entry.reason ?? '' },
            {
              header: t('detail'),
              cell: (entry) => <code>{json({ before: entry.before, after: entry.after })}</code>,
            },
          ]}
        />
        {result.cursor ? (
          <p>
            <a href={`/admin/audit?cursor=${encodeURIComponent(result.cursor)}`}>{t('next')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}

/** A console request that failed: an HTML page the administrator can act on, not JSON. */
export function consoleErrorPage(
  c: Context,
  error: GatewayError,
  status: number,
): Response | Promise<Response> {
  const language = languageOf(c);
  const t = translator(language);
  const fields = error.fieldErrors.map((field) => `${field.path}: ${field.message}`);
  return c.html(
    <Layout language={language} t={t} active="dashboard" title={`${status}`}>
      <p class="error" role="alert">
        {error.message}
      </p>
      {fields.length ? (
        <ul>
          {fields.map((field) => (
            <li>{field}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/admin">{t('dashboard')}</a>
      </p>
    </Layout>,
    status as 400,
  );
}
