import { RESYNC_LIMIT, type ResyncResult, resyncRequestSchema } from '../../../contracts/endpoint-operations';
import { actorOf } from '../../application/audit-actor';
import { resyncDossiers } from '../../application/resync-dossiers';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { CsrfField, Layout, type PageFrame } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { InvalidInputAlert } from './invalid-input-alert';
import { pageFrame } from './page-frame';

type Form = Record<string, string | File | (string | File)[]>;
const field = (form: Form, name: string) => {
  const value = form[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** The form's fields as the API's request: codes one per line (or separated by spaces or commas). */
function requestOf(form: Form) {
  const codes = field(form, 'dossierCodes')
    ?.split(/[\s,;]+/)
    .filter(Boolean);
  const agencyCode = field(form, 'agencyCode');
  const receivedFrom = field(form, 'receivedFrom');
  const receivedTo = field(form, 'receivedTo');
  return resyncRequestSchema.safeParse({
    ...(codes && codes.length > 0 ? { dossierCodes: codes } : {}),
    ...(agencyCode ? { agencyCode } : {}),
    ...(receivedFrom ? { receivedFrom } : {}),
    ...(receivedTo ? { receivedTo } : {}),
    dryRun: form.dryRun === 'true',
  });
}

function ResyncPage(props: {
  readonly frame: PageFrame & { readonly csrfToken: string };
  readonly form: Form;
  readonly result?: ResyncResult;
  readonly invalid?: Parameters<typeof InvalidInputAlert>[0]['error'];
}) {
  const { t, csrfToken } = props.frame;
  const value = (name: string) => field(props.form, name) ?? '';
  const { result } = props;
  return (
    <Layout {...props.frame}>
      <p>{t('resyncIntro').replace('{limit}', String(RESYNC_LIMIT))}</p>
      {props.invalid ? <InvalidInputAlert error={props.invalid} /> : null}
      <form method="post" action={`${CONSOLE_PATH}/resync`} class="filters" aria-label={t('resyncDossiers')}>
        <CsrfField token={csrfToken} />
        <label>
          {t('dossierCodesField')}
          <textarea name="dossierCodes" rows={4}>
            {value('dossierCodes')}
          </textarea>
        </label>
        <label>
          {t('agencyCode')}
          <input name="agencyCode" value={value('agencyCode')} />
        </label>
        <label>
          {t('receivedFrom')}
          <input type="date" name="receivedFrom" value={value('receivedFrom')} />
        </label>
        <label>
          {t('receivedTo')}
          <input type="date" name="receivedTo" value={value('receivedTo')} />
        </label>
        <label class="check">
          <input type="checkbox" name="dryRun" value="true" checked={result === undefined || result.dryRun} />
          {t('dryRun')}
        </label>
        <button type="submit">{t('resyncDossiers')}</button>
      </form>
      {result ? (
        <section aria-label={t('done')} data-resync-result>
          <p>
            <strong data-counter="matched">{result.matched}</strong>
            {result.countCapped ? '+' : ''} {t('resyncMatched')}
            {result.dryRun ? '' : ` · ${result.sent.length} ${t('resyncSent')}`}
            {result.failed.length > 0 ? ` · ${result.failed.length} ${t('resyncFailed')}` : ''}
          </p>
          {result.sample.length > 0 ? <p>{result.sample.join(', ')}</p> : null}
          {result.failed.length > 0 ? (
            <ul>
              {result.failed.map((failure) => (
                <li>
                  {failure.dossierCode}: {failure.error}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

/** `${CONSOLE_PATH}/resync`: re-sync and backfill by dossier codes or reception days, dry run first. */
export function registerResyncPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  const frame = (c: Parameters<typeof pageFrame>[0]) => ({
    ...pageFrame(c, 'resync', translator(c.var.language)('resyncDossiers')),
    csrfToken: c.var.csrfToken,
  });
  console.get('/resync', session, (c) => c.html(<ResyncPage frame={frame(c)} form={{}} />));

  console.post('/resync', session, async (c) => {
    const form = (await c.req.parseBody()) as Form;
    const request = requestOf(form);
    if (!request.success) {
      return c.html(<ResyncPage frame={frame(c)} form={form} invalid={request.error} />, 400);
    }
    const result = await resyncDossiers(deps, request.data, actorOf(c.var.admin));
    return c.html(<ResyncPage frame={frame(c)} form={form} result={result} />);
  });
}
