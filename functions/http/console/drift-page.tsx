import { dossierCodeSchema } from '../../../contracts/codes';
import { nationalStatusCode, statusFromNationalCode } from '../../../contracts/dossier-status';
import {
  type DriftFinding,
  type DriftFindingState,
  type DriftRunReport,
  driftFindingStates,
} from '../../../contracts/drift-check';
import { actorOf } from '../../application/audit-actor';
import { resyncDossier } from '../../application/resync-dossier';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { fieldErrorsOf } from '../problem-response';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, dossierColumn, Layout, type PageFrame, PostButton } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { dossierStatusName, driftStateLabels } from './console-words';
import { Facts } from './facts';
import { FilterForm } from './filter-form';
import { FilterSelect } from './filter-select';
import { NextPageLink } from './next-page-link';
import { pageFrame } from './page-frame';

interface DriftPageProps {
  readonly frame: PageFrame & { readonly csrfToken: string };
  readonly findings: readonly DriftFinding[];
  readonly state: DriftFindingState | undefined;
  readonly cursor?: string;
  readonly lastRun: DriftRunReport | undefined;
}

/** Drift findings with a one-click re-sync, and the latest check's report (issue 11). */
function DriftPage(props: DriftPageProps) {
  const { t, csrfToken, language } = props.frame;
  /** `Đang xử lý (4)`: the status an administrator reads, the code the portal shows. */
  const ourStatusText = (finding: DriftFinding) =>
    `${dossierStatusName(finding.ourStatus, language)} (${nationalStatusCode(finding.ourStatus)})`;
  const portalStatusText = (finding: DriftFinding) => {
    if (finding.portalStatus === undefined) return t('missing');
    const status = statusFromNationalCode(Number(finding.portalStatus));
    return `${status ? dossierStatusName(status, language) : '?'} (${finding.portalStatus})`;
  };
  const run = props.lastRun;
  return (
    <Layout {...props.frame}>
      <h2>{t('lastDriftCheck')}</h2>
      {run ? (
        <Facts
          label={t('lastDriftCheck')}
          facts={[
            [t('at'), formatVietnamTime(run.startedAt)],
            [t('sampled'), run.sampled],
            [t('checked'), run.checked],
            [t('skippedInFlight'), run.skippedInFlight],
            [t('drifted'), run.drifted],
            [t('missingAtPortal'), run.missingAtPortal],
            [t('errors'), run.errors],
            [t('opened'), run.opened],
            [t('resolvedCount'), run.resolved],
          ]}
        />
      ) : (
        <p>{t('noDriftCheck')}</p>
      )}
      <h2>{t('drift')}</h2>
      <FilterForm action={`${CONSOLE_PATH}/drift`} t={t}>
        <FilterSelect
          label={t('status')}
          name="state"
          all={t('all')}
          values={driftFindingStates}
          text={(state) => t(driftStateLabels[state])}
          selected={props.state}
        />
      </FilterForm>
      <DataTable
        empty={t('noDrift')}
        rows={props.findings}
        columns={[
          dossierColumn(t('dossierCode')),
          { header: t('agencyCode'), cell: (finding) => finding.agencyCode },
          { header: t('ourStatus'), cell: ourStatusText },
          { header: t('portalStatus'), cell: portalStatusText },
          { header: t('status'), cell: (finding) => t(driftStateLabels[finding.state]) },
          { header: t('detectedAt'), cell: (finding) => formatVietnamTime(finding.detectedAt) },
          { header: t('lastCheckedAt'), cell: (finding) => formatVietnamTime(finding.lastCheckedAt) },
          {
            header: t('action'),
            cell: (finding) =>
              finding.state === 'open' ? (
                <PostButton
                  action={`${CONSOLE_PATH}/drift/${encodeURIComponent(finding.dossierCode)}/resync`}
                  csrfToken={csrfToken}
                  label={t('resync')}
                  ariaLabel={`${t('resync')} ${finding.dossierCode}`}
                />
              ) : (
                ''
              ),
          },
        ]}
      />
      <NextPageLink
        path={`${CONSOLE_PATH}/drift`}
        query={props.state ? { state: props.state } : {}}
        cursor={props.cursor}
        t={t}
      />
    </Layout>
  );
}

/** `${CONSOLE_PATH}/drift`: the findings, filtered by state, and the re-sync of one dossier. */
export function registerDriftPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/drift', session, async (c) => {
    const t = translator(c.var.language);
    const asked = c.req.query('state');
    const state = driftFindingStates.find((candidate) => candidate === asked);
    const cursor = c.req.query('cursor');
    const [findings, runs] = await Promise.all([
      deps.drift.listFindings({
        limit: CONSOLE_PAGE_SIZE,
        ...(state ? { states: [state] } : {}),
        ...(cursor ? { cursor } : {}),
      }),
      deps.drift.listRuns(1),
    ]);
    return c.html(
      <DriftPage
        frame={{ ...pageFrame(c, 'drift', t('drift')), csrfToken: c.var.csrfToken }}
        findings={findings.items}
        state={state}
        {...(findings.cursor ? { cursor: findings.cursor } : {})}
        lastRun={runs[0]}
      />,
    );
  });

  console.post('/drift/:code/resync', session, async (c) => {
    const code = dossierCodeSchema.safeParse(c.req.param('code'));
    if (!code.success)
      throw new GatewayError('request.invalid', 'Mã hồ sơ không hợp lệ / Invalid dossier code', {
        fieldErrors: fieldErrorsOf(code.error),
      });
    await resyncDossier(deps, code.data, { actor: actorOf(c.var.admin) });
    const done = `${translator(c.var.language)('resync')} ${code.data}`;
    return c.redirect(`${CONSOLE_PATH}/drift?done=${encodeURIComponent(done)}`, 303);
  });
}
