import { dossierCodeSchema } from '../../../contracts/codes';
import { getDossierView } from '../../application/get-dossier-view';
import { isGatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { describeDetail, dossierStatusName, kindName, outcomeName, syncStateName } from './console-words';
import { Facts } from './facts';
import { pageFrame } from './page-frame';
import { recentDossiers } from './recent-dossiers';

/**
 * `${CONSOLE_PATH}/dossiers`: recent dossiers, filtered (recent-dossiers.tsx); `?code=…`: one
 * dossier's state on both sides and its message timeline.
 */
export function registerDossierPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/dossiers', session, async (c) => {
    const language = c.var.language;
    const t = translator(language);
    const code = c.req.query('code') ?? '';
    const page = pageFrame(c, 'dossiers', t('dossiers'));
    const valid = dossierCodeSchema.safeParse(code);
    const view = valid.success
      ? await getDossierView(deps.store, valid.data, deps.agencyNames).catch((error: unknown) =>
          isGatewayError(error, 'dossier.notFound') ? undefined : Promise.reject(error),
        )
      : undefined;
    if (!code) return c.html(<Layout {...page}>{await recentDossiers(c, deps)}</Layout>);
    return c.html(
      <Layout {...page}>
        <p>
          <a href={`${CONSOLE_PATH}/dossiers`}>{t('recentDossiers')}</a>
        </p>
        <search>
          <form method="get" action={`${CONSOLE_PATH}/dossiers`} class="filters">
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
            <Facts
              facts={[
                [t('agencyCode'), view.agencyCode],
                [t('unitName'), view.agencyName ?? view.agencyCode],
                [t('localStatus'), dossierStatusName(view.status, language)],
                [
                  t('nationalStatus'),
                  view.nationalStatus ? dossierStatusName(view.nationalStatus, language) : '',
                ],
                [t('syncState'), syncStateName(view.sync.state, language)],
                view.sync.lastError
                  ? [t('lastError'), describeDetail(view.sync.lastError, language)]
                  : undefined,
              ]}
            />
            {/* What needs an operator's or vendor's attention, e.g. the code standing in for the unit's name. */}
            {view.flags.map((flag) => (
              <p class="error" role="alert" data-flag={flag.code}>
                {flag.message}
              </p>
            ))}
            <h2>{t('timeline')}</h2>
            <DataTable
              rows={view.timeline}
              columns={[
                { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
                {
                  header: t('direction'),
                  cell: (entry) => (entry.direction === 'to_national' ? t('toNational') : t('toProvince')),
                },
                { header: t('kind'), cell: (entry) => kindName(entry.kind, language) },
                { header: t('outcome'), cell: (entry) => outcomeName(entry.outcome, language) },
                { header: t('detail'), cell: (entry) => describeDetail(entry.detail, language) },
              ]}
            />
          </>
        ) : null}
      </Layout>,
    );
  });
}
