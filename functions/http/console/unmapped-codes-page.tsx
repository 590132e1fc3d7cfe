import type { UnmappedCode } from '../../../contracts/code-mappings';
import { createCodeMappingOperations } from '../../application/manage-code-mappings';
import { holdsRole } from '../../core/console-roles';
import type { ApiDependencies } from '../api-dependencies';
import { catalogueKindLabels } from './catalogue-kind-select';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, type PageFrame } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { pageFrame } from './page-frame';

function UnmappedCodesPage(props: { readonly page: PageFrame; readonly codes: readonly UnmappedCode[] }) {
  const { page } = props;
  const { t } = page;
  const mayMap = holdsRole(page.roles ?? [], 'security');
  return (
    <Layout {...page}>
      <p>{t('unmappedIntro')}</p>
      <DataTable
        empty={t('noUnmapped')}
        rows={props.codes}
        columns={[
          { header: t('localCode'), rowHeader: true, cell: (code) => code.localCode },
          { header: t('catalogueKind'), cell: (code) => t(catalogueKindLabels[code.kind]) },
          { header: t('dossierCount'), cell: (code) => String(code.dossiers) },
          { header: t('lastSeen'), cell: (code) => formatVietnamTime(code.lastSeen) },
          ...(mayMap
            ? [
                {
                  header: '',
                  cell: (code: UnmappedCode) => (
                    <a
                      href={`${CONSOLE_PATH}/mappings?kind=${code.kind}&localCode=${encodeURIComponent(code.localCode)}`}
                      aria-label={`${t('mapIt')} ${code.localCode}`}
                    >
                      {t('mapIt')}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Layout>
  );
}

/**
 * `${CONSOLE_PATH}/unmapped-codes` (issue 21): the administrator's to-do list, the codes
 * dossiers carried in the last 30 days that nothing explains, most recent first; a code leaves
 * it as soon as a mapping or the catalogue explains it.
 */
export function registerUnmappedCodesPage(
  console: ConsoleApp,
  deps: ApiDependencies,
  session: ConsoleSession,
) {
  const mappings = createCodeMappingOperations(deps);
  console.get('/unmapped-codes', session, async (c) => {
    const page = pageFrame(c, 'unmappedCodes', translator(c.var.language)('unmappedCodes'));
    return c.html(<UnmappedCodesPage page={page} codes={await mappings.unmapped()} />);
  });
}
