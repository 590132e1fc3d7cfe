import type { Context } from 'hono';
import { discardAsAdmin, failedMessageDetail, replayAsAdmin } from '../../application/admin-operations';
import { actorOf } from '../../application/audit-actor';
import type { DeliveryAttempt } from '../../core/dossier-message';
import { GatewayError } from '../../core/gateway-error';
import { maskPersonalData } from '../../core/mask-personal-data';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp, type ConsoleEnv } from './console-env';
import { CsrfField, DataTable, DossierLink, Layout, prettyJson } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, type Language, type TextKey, translator } from './console-text';
import { describeDetail, failedStatusName, kindName, messageStateName, outcomeName } from './console-words';
import { Facts } from './facts';
import { pageFrame } from './page-frame';

/** After an action, the message's page again, saying what was done. */
const backToMessage = (c: Context<ConsoleEnv>, id: string, done: 'replay' | 'discard') =>
  c.redirect(
    `${CONSOLE_PATH}/failed/${encodeURIComponent(id)}?done=${encodeURIComponent(translator(c.var.language)(done))}`,
    303,
  );

/**
 * What became of a replayed message: its state now and the attempt that set it, with a reload
 * link while it is on its way (no script: the page does not poll).
 */
function DeliveryNow(props: {
  readonly t: (key: TextKey) => string;
  readonly language: Language;
  readonly state: string;
  readonly onItsWay: boolean;
  readonly lastAttempt: DeliveryAttempt | undefined;
  readonly reload: string;
}) {
  const { t, lastAttempt } = props;
  return (
    <section aria-labelledby="delivery-now">
      <h2 id="delivery-now">{t('deliveryNow')}</h2>
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-delivery-state>{props.state}</dd>
        {lastAttempt ? (
          <>
            <dt>{t('lastAttempt')}</dt>
            <dd>
              {formatVietnamTime(lastAttempt.at)} · {outcomeName(lastAttempt.outcome, props.language)} ·{' '}
              {describeDetail(lastAttempt.detail, props.language)}
            </dd>
          </>
        ) : null}
      </dl>
      {props.onItsWay ? (
        <p class="refresh">
          {t('refreshHint')} <a href={props.reload}>{t('reload')}</a>
        </p>
      ) : null}
    </section>
  );
}

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
    const language = c.var.language;
    const t = translator(language);
    const detail = await failedMessageDetail(deps, c.req.param('id'));
    const reveal = c.var.admin.scopes.includes('pii:read');
    const shown = (payload: unknown) => (reveal ? payload : maskPersonalData(payload));
    const page = pageFrame(
      c,
      'failed',
      `${t('failedMessages')}: ${detail.failed.dossierCode} #${detail.failed.sequence}`,
    );
    const { failed, message } = detail;
    const messagePath = `${CONSOLE_PATH}/failed/${encodeURIComponent(failed.messageId)}`;
    return c.html(
      <Layout {...page}>
        <Facts
          facts={[
            [t('queue'), failed.queue],
            [t('dossierCode'), <DossierLink code={failed.dossierCode} />],
            [t('agencyCode'), failed.agencyCode],
            [t('kind'), kindName(failed.kind, language)],
            [t('status'), failedStatusName(failed.status, language)],
            [t('reason'), failed.reason === 'rejected' ? t('rejected') : t('exhausted')],
            [t('lastError'), describeDetail(failed.lastError, language)],
            [t('parkedAt'), formatVietnamTime(failed.parkedAt)],
            [t('messageId'), failed.messageId],
            [t('traceId'), message?.traceId ?? ''],
          ]}
        />
        {failed.status === 'replayed' && message ? (
          <DeliveryNow
            t={t}
            state={messageStateName(message.state, language)}
            onItsWay={message.state === 'accepted' || message.state === 'held'}
            lastAttempt={detail.attempts.at(-1)}
            language={language}
            reload={messagePath}
          />
        ) : null}
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
            { header: t('outcome'), cell: (attempt) => outcomeName(attempt.outcome, language) },
            { header: t('latency'), numeric: true, cell: (attempt) => attempt.latencyMs },
            { header: t('detail'), cell: (attempt) => describeDetail(attempt.detail, language) },
          ]}
        />
        {failed.status === 'parked' ? (
          <section class="actions" aria-label={t('replay')}>
            <form method="post" action={`${messagePath}/replay`}>
              <CsrfField token={c.var.csrfToken} />
              <button type="submit">{t('replay')}</button>
            </form>
            {reveal ? (
              <form method="post" action={`${messagePath}/replay`}>
                <CsrfField token={c.var.csrfToken} />
                <label>
                  {t('payload')}
                  <textarea name="payload">{prettyJson(message?.payload)}</textarea>
                </label>
                <button type="submit" class="secondary">
                  {t('editReplay')}
                </button>
              </form>
            ) : null}
            <form method="post" action={`${messagePath}/discard`}>
              <CsrfField token={c.var.csrfToken} />
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
