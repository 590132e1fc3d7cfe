import { nationalStatusCode, statusFromNationalCode } from '../../../contracts/dossier-status';
import type { DriftFinding, DriftFindingState, DriftRunReport } from '../../../contracts/drift-check';
import { DataTable, Layout, type PageFrame } from './console-layout';
import { formatVietnamTime, type TextKey } from './console-text';

const stateLabels: Record<DriftFindingState, TextKey> = {
  open: 'findingOpen',
  resynced: 'findingResynced',
  resolved: 'findingResolved',
};

/** `processing (4)`: the provincial name an administrator reads, the code the portal shows. */
const ourStatusText = (finding: DriftFinding) =>
  `${finding.ourStatus} (${nationalStatusCode(finding.ourStatus)})`;

export interface DriftPageProps {
  readonly frame: PageFrame & { readonly csrfToken: string };
  readonly findings: readonly DriftFinding[];
  readonly state: DriftFindingState | undefined;
  readonly cursor?: string;
  readonly lastRun: DriftRunReport | undefined;
}

/** Drift findings with a one-click re-sync, and the latest check's report (issue 11). */
export function DriftPage(props: DriftPageProps) {
  const { t, csrfToken } = props.frame;
  const portalStatusText = (finding: DriftFinding) =>
    finding.portalStatus === undefined
      ? t('missing')
      : `${statusFromNationalCode(Number(finding.portalStatus)) ?? '?'} (${finding.portalStatus})`;
  const run = props.lastRun;
  const next = new URLSearchParams({ ...(props.state ? { state: props.state } : {}) });
  if (props.cursor) next.set('cursor', props.cursor);
  return (
    <Layout {...props.frame}>
      <h2>{t('lastDriftCheck')}</h2>
      {run ? (
        <dl class="facts" aria-label={t('lastDriftCheck')}>
          <dt>{t('at')}</dt>
          <dd>{formatVietnamTime(run.startedAt)}</dd>
          <dt>{t('sampled')}</dt>
          <dd>{run.sampled}</dd>
          <dt>{t('checked')}</dt>
          <dd>{run.checked}</dd>
          <dt>{t('skippedInFlight')}</dt>
          <dd>{run.skippedInFlight}</dd>
          <dt>{t('drifted')}</dt>
          <dd>{run.drifted}</dd>
          <dt>{t('missingAtPortal')}</dt>
          <dd>{run.missingAtPortal}</dd>
          <dt>{t('errors')}</dt>
          <dd>{run.errors}</dd>
          <dt>{t('opened')}</dt>
          <dd>{run.opened}</dd>
          <dt>{t('resolvedCount')}</dt>
          <dd>{run.resolved}</dd>
        </dl>
      ) : (
        <p>{t('noDriftCheck')}</p>
      )}
      <h2>{t('drift')}</h2>
      <form method="get" action="/admin/drift" class="filters" aria-label={t('filter')}>
        <label>
          {t('status')}
          <select name="state">
            <option value="">{t('all')}</option>
            {(Object.keys(stateLabels) as DriftFindingState[]).map((state) => (
              <option value={state} selected={props.state === state}>
                {t(stateLabels[state])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('filter')}</button>
      </form>
      {props.findings.length === 0 ? (
        <p>{t('noDrift')}</p>
      ) : (
        <DataTable
          rows={props.findings}
          columns={[
            {
              header: t('dossierCode'),
              rowHeader: true,
              cell: (finding) => (
                <a href={`/admin/dossiers?code=${encodeURIComponent(finding.dossierCode)}`}>
                  {finding.dossierCode}
                </a>
              ),
            },
            { header: t('agencyCode'), cell: (finding) => finding.agencyCode },
            { header: t('ourStatus'), cell: ourStatusText },
            { header: t('portalStatus'), cell: portalStatusText },
            { header: t('status'), cell: (finding) => t(stateLabels[finding.state]) },
            { header: t('detectedAt'), cell: (finding) => formatVietnamTime(finding.detectedAt) },
            { header: t('lastCheckedAt'), cell: (finding) => formatVietnamTime(finding.lastCheckedAt) },
            {
              header: t('action'),
              cell: (finding) =>
                finding.state === 'open' ? (
                  <form
                    method="post"
                    action={`/admin/drift/${encodeURIComponent(finding.dossierCode)}/resync`}
                    class="inline"
                  >
                    <input type="hidden" name="csrf" value={csrfToken} />
                    <button type="submit" aria-label={`${t('resync')} ${finding.dossierCode}`}>
                      {t('resync')}
                    </button>
                  </form>
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
      {props.cursor ? (
        <p>
          <a href={`/admin/drift?${next.toString()}`}>{t('next')}</a>
        </p>
      ) : null}
    </Layout>
  );
}
