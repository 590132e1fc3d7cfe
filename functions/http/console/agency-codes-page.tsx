import type { AgencyRecodingView } from '../../../contracts/agency-recoding';
import { viewAgencyRecoding } from '../../core/agency-recoding';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import type { ConsoleApp } from './console-env';
import { DataTable, Layout, type PageFrame } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { pageFrame } from './page-frame';

/** dd/MM/yyyy, as DOMAIN.md asks the product to show dates. */
const shownDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * Read-only: the table ships with the functions (config/agency-recoding.json), so it changes
 * by a deployment, never from the console.
 */
function AgencyCodesPage(props: { readonly page: PageFrame; readonly table: AgencyRecodingView }) {
  const { page, table } = props;
  const { t } = page;
  return (
    <Layout {...page}>
      <p>
        {t('recodingVersion')}: <strong>{table.version}</strong>
      </p>
      <p>{t('recodingExplained')}</p>
      <DataTable
        empty={t('none')}
        rows={table.rows}
        columns={[
          { header: t('retiredCode'), rowHeader: true, cell: (row) => row.retiredCode },
          { header: t('replacementCode'), cell: (row) => row.replacementCode },
          { header: t('effectiveFrom'), cell: (row) => shownDay(row.effectiveFrom) },
          { header: t('currentCode'), cell: (row) => row.currentCode },
          { header: t('note'), cell: (row) => row.note ?? '' },
        ]}
      />
    </Layout>
  );
}

/** `${CONSOLE_PATH}/agency-codes`: the re-coding table this deployment loaded. */
export function registerAgencyCodesPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/agency-codes', session, (c) => {
    const page = pageFrame(c, 'agencyCodes', translator(c.var.language)('agencyCodes'));
    const table = viewAgencyRecoding(deps.agencyRecoding, vietnamDay(deps.clock.now()));
    return c.html(<AgencyCodesPage page={page} table={table} />);
  });
}
