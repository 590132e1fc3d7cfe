import type { CatalogueVersionSummary } from '../../../contracts/catalogues';
import type { CatalogueEntry, CatalogueKind } from '../../../contracts/national-catalogues';
import { searchEntries } from '../../core/catalogue-matching';
import type { ApiDependencies } from '../api-dependencies';
import { CatalogueSearchForm, kindOf } from './catalogue-kind-select';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, type PageFrame } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { pageFrame } from './page-frame';

const SHOWN = 100;

function CatalogueSearchPage(props: {
  readonly page: PageFrame;
  readonly kind: CatalogueKind;
  readonly q: string;
  readonly version: CatalogueVersionSummary | undefined;
  readonly entries: readonly CatalogueEntry[];
}) {
  const { page, kind, version } = props;
  const { t } = page;
  return (
    <Layout {...page}>
      <CatalogueSearchForm t={t} action={`${CONSOLE_PATH}/catalogues`} kind={kind} q={props.q} />
      {version ? (
        <p>
          {t('catalogueVersion')}: <strong>{version.version}</strong> · {version.entries} ·{' '}
          {formatVietnamTime(version.checkedAt)}
        </p>
      ) : (
        <p role="status">{t('catalogueNotLoaded')}</p>
      )}
      {version && props.entries.length === 0 ? <p>{t('noEntries')}</p> : null}
      {props.entries.length > 0 ? (
        <DataTable
          rows={props.entries}
          columns={[
            { header: t('entryCode'), rowHeader: true, cell: (entry) => entry.code },
            { header: t('entryName'), cell: (entry) => entry.name },
            ...(kind === 'procedures'
              ? [{ header: t('entryField'), cell: (entry: CatalogueEntry) => entry.fieldName ?? '' }]
              : []),
          ]}
        />
      ) : null}
    </Layout>
  );
}

/** `${CONSOLE_PATH}/catalogues`: search the current version of a national catalogue (issue 21). */
export function registerCatalogueSearchPage(
  console: ConsoleApp,
  deps: ApiDependencies,
  session: ConsoleSession,
) {
  console.get('/catalogues', session, async (c) => {
    const kind = kindOf(c.req.query('kind'));
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const page = pageFrame(c, 'catalogues', translator(c.var.language)('catalogues'));
    const current = await deps.catalogues.current(kind);
    const entries = current ? searchEntries(current.items, q || undefined, SHOWN) : [];
    return c.html(<CatalogueSearchPage page={page} kind={kind} q={q} version={current} entries={entries} />);
  });
}
