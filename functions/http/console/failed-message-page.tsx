import type { Context } from 'hono';
import { discardAsAdmin, failedMessageDetail, replayAsAdmin } from '../../application/admin-operations';
import { actorOf } from '../../application/audit-actor';
import { GatewayError } from '../../core/gateway-error';
import { maskPersonalData } from '../../core/mask-personal-data';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp, type ConsoleEnv } from './console-env';
import { DataTable, Layout, prettyJson } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { pageFrame } from './page-frame';

/** After an action, the message's page again, saying what was done. */
const backToMessage = (c: Context<ConsoleEnv>, id: string, done: 'replay' | 'discard') =>
  c.redirect(
    `${CONSOLE_PATH}/failed/${encodeURIComponent(id)}?done=${encodeURIComponent(translator(c.var.language)(done))}`,
    303,
  );

/**
 * One failed message: its record, payload (personal data masked without pii:read) and
 * attempts; replay it (edited, with pii:read) or discard it with a reason.
 */
export function registerFailedMessagePage(
  console: ConsoleApp,
  deps: ApiDependencies,
  session: ConsoleSession,
) {
  console.get('/failed/:id', session, async (c) => {
    const t = translator(c.var.language);
    const detail = await failedMessageDetail(deps, c.req.param('id'));
    const reveal = c.var.admin.scopes.includes('pii:read');
    const shown = (payload: unknown) => (reveal ? payload : maskPersonalData(payload));
    const page = pageFrame(
      c,
      'failed',
      `${t('failedMessages')}: ${detail.failed.dossierCode} #${detail.failed.sequence}`,
    );
    const { failed, message } = detail;
    return c.html(
      <Layout {...page}>
        <dl class="facts">
          <dt>{t('queue')}</dt>
          <dd>{failed.queue}</dd>
          <dt>{t('dossierCode')}</dt>
          <dd>
            <a href={`${CONSOLE_PATH}/dossiers?code=${encodeURIComponent(failed.dossierCode)}`}>
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
          {prettyJson(shown(message?.payload))}
        </pre>
        {message?.originalPayload === undefined ? null : (
          <>
            <h2>{t('originalPayload')}</h2>
            <pre class="json" tabindex={0}>
              {prettyJson(shown(message.originalPayload))}
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
            <form
              method="post"
              action={`${CONSOLE_PATH}/failed/${encodeURIComponent(failed.messageId)}/replay`}
            >
              <input type="hidden" name="csrf" value={c.var.csrfToken} />
              <button type="submit">{t('replay')}</button>
            </form>
            {reveal ? (
              <form
                method="post"
                action={`${CONSOLE_PATH}/failed/${encodeURIComponent(failed.messageId)}/replay`}
              >
                <input type="hidden" name="csrf" value={c.var.csrfToken} />
                <label>
                  {t('payload')}
                  <textarea name="payload">{prettyJson(message?.payload)}</textarea>
                </label>
                <button type="submit" class="secondary">
                  {t('editReplay')}
                </button>
              </form>
            ) : null}
            <form
              method="post"
              action={`${CONSOLE_PATH}/failed/${encodeURIComponent(failed.messageId)}/discard`}
            >
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

  console.post('/failed/:id/replay', session, async (c) => {
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
      actor: actorOf(c.var.admin),
      ...(editedPayload === undefined ? {} : { editedPayload }),
    });
    return backToMessage(c, id, 'replay');
  });

  console.post('/failed/:id/discard', session, async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    await discardAsAdmin(deps, id, { actor: actorOf(c.var.admin), reason: String(form.reason ?? '') });
    return backToMessage(c, id, 'discard');
  });
}
