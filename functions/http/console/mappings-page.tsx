import type { Context } from 'hono';
import {
  closestEntrySchema,
  type MappingFileFormat,
  type MappingImportResult,
  mappingFileFormats,
  mappingWriteSchema,
} from '../../../contracts/code-mapping-api';
import { type CodeMapping, localCodeSchema } from '../../../contracts/code-mappings';
import type { CatalogueKind } from '../../../contracts/national-catalogues';
import { actorOf } from '../../application/audit-actor';
import { createCodeMappingOperations } from '../../application/manage-code-mappings';
import { holdsRole } from '../../core/console-roles';
import { GatewayError, isGatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { mappingFileHeaders, readMappingFile, writeMappingFile } from '../mapping-files';
import { fieldErrorsOf } from '../problem-response';
import { CatalogueSearchForm, catalogueKindLabels, kindOf } from './catalogue-kind-select';
import { CONSOLE_PATH, type ConsoleApp, type ConsoleEnv } from './console-env';
import { CsrfField, DataTable, Layout, type PageFrame, PostButton } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { Facts } from './facts';
import { pageFrame } from './page-frame';

interface Refusal {
  readonly message: string;
  readonly closest: readonly { code: string; entryName: string }[];
}

function MappingsPage(props: {
  readonly page: PageFrame;
  readonly kind: CatalogueKind;
  readonly q: string;
  readonly mappings: readonly CodeMapping[];
  /** Prefilled edit form: a code from the unmapped list, or a refused save. */
  readonly draft: { localCode?: string; nationalCode?: string; nationalName?: string };
  readonly refusal?: Refusal;
}) {
  const { page, kind } = props;
  const { t } = page;
  const mayWrite = holdsRole(page.roles ?? [], 'security');
  const kindLabel = t(catalogueKindLabels[kind]);
  return (
    <Layout {...page}>
      <CatalogueSearchForm t={t} action={`${CONSOLE_PATH}/mappings`} kind={kind} q={props.q} />
      {props.refusal ? (
        <div role="alert">
          <p>{props.refusal.message}</p>
          {props.refusal.closest.length > 0 ? (
            <p>
              {t('closestEntries')}:{' '}
              {props.refusal.closest.map((entry) => `${entry.code} ${entry.entryName}`).join('; ')}
            </p>
          ) : null}
        </div>
      ) : null}
      {mayWrite ? (
        <>
          <h2>{`${t('editMapping')} — ${kindLabel}`}</h2>
          <form
            method="post"
            action={`${CONSOLE_PATH}/mappings`}
            class="filters"
            aria-label={t('editMapping')}
          >
            <CsrfField token={page.csrfToken ?? ''} />
            <input type="hidden" name="kind" value={kind} />
            <label>
              {t('localCode')}
              <input name="localCode" required maxlength={100} value={props.draft.localCode ?? ''} />
            </label>
            <label>
              {t('nationalCode')}
              <input name="nationalCode" required maxlength={100} value={props.draft.nationalCode ?? ''} />
            </label>
            <label>
              {t('nationalName')}
              <input name="nationalName" maxlength={1000} value={props.draft.nationalName ?? ''} />
            </label>
            <button type="submit">{t('saveMapping')}</button>
          </form>
        </>
      ) : null}
      <h2>{`${t('mappings')} — ${kindLabel}`}</h2>
      <DataTable
        empty={t('noMappings')}
        rows={props.mappings}
        columns={[
          { header: t('localCode'), rowHeader: true, cell: (mapping) => mapping.localCode },
          { header: t('nationalCode'), cell: (mapping) => mapping.nationalCode },
          { header: t('nationalName'), cell: (mapping) => mapping.nationalName ?? '' },
          { header: t('status'), cell: (mapping) => (mapping.unchecked ? t('uncheckedMapping') : '') },
          { header: t('updatedAt'), cell: (mapping) => formatVietnamTime(mapping.updatedAt) },
          ...(mayWrite
            ? [
                {
                  header: '',
                  cell: (mapping: CodeMapping) => (
                    <PostButton
                      action={`${CONSOLE_PATH}/mappings/delete`}
                      csrfToken={page.csrfToken ?? ''}
                      label={t('deleteMapping')}
                      ariaLabel={`${t('deleteMapping')} ${mapping.localCode}`}
                      fields={{ kind, localCode: mapping.localCode }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <p>
        {t('exportMappings')}:{' '}
        {mappingFileFormats.map((format) => (
          <>
            <a href={`${CONSOLE_PATH}/mappings/export?kind=${kind}&format=${format}`}>.{format}</a>{' '}
          </>
        ))}
      </p>
      {mayWrite ? (
        <>
          <h2>{t('importMappings')}</h2>
          <form
            method="post"
            action={`${CONSOLE_PATH}/mappings/import`}
            enctype="multipart/form-data"
            class="filters"
            aria-label={t('importMappings')}
          >
            <CsrfField token={page.csrfToken ?? ''} />
            <input type="hidden" name="kind" value={kind} />
            <label>
              {t('mappingFile')}
              <input type="file" name="file" required accept=".csv,.xlsx" />
            </label>
            <label>
              <input type="checkbox" name="dryRun" value="true" checked />
              {t('importOnlyCheck')}
            </label>
            <button type="submit">{t('importButton')}</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

function ImportResultPage(props: { readonly page: PageFrame; readonly result: MappingImportResult }) {
  const { page, result } = props;
  const { t } = page;
  const outcome =
    result.errors.length > 0 ? 'importRefused' : result.dryRun ? 'importChecked' : 'importSaved';
  return (
    <Layout {...page}>
      <p role={result.errors.length > 0 ? 'alert' : 'status'}>{t(outcome)}</p>
      <Facts
        label={t('importResult')}
        facts={[
          [t('rowsInFile'), result.rows],
          [t('added'), result.added],
          [t('changed'), result.changed],
          [t('unchanged'), result.unchanged],
        ]}
      />
      {result.errors.length > 0 ? (
        <DataTable
          rows={result.errors}
          columns={[
            { header: t('fileRow'), rowHeader: true, cell: (error) => String(error.row) },
            { header: t('fileColumn'), cell: (error) => error.field },
            { header: t('errors'), cell: (error) => error.message },
            {
              header: t('closestEntries'),
              cell: (error) =>
                (error.closest ?? []).map((entry) => `${entry.code} ${entry.entryName}`).join('; '),
            },
          ]}
        />
      ) : null}
      <p>
        <a href={`${CONSOLE_PATH}/mappings?kind=${result.kind}`}>{t('backToMappings')}</a>
      </p>
    </Layout>
  );
}

const formatOfFile = (name: string): MappingFileFormat | undefined =>
  mappingFileFormats.find((format) => name.toLowerCase().endsWith(`.${format}`));

function invalid(message: string, error?: Parameters<typeof fieldErrorsOf>[0]): GatewayError {
  return new GatewayError('request.invalid', message, error ? { fieldErrors: fieldErrorsOf(error) } : {});
}

/**
 * `${CONSOLE_PATH}/mappings` (issue 21): every role reads and exports the mapping tables; a
 * security officer adds, changes, deletes and imports, through the same use case as the admin
 * API (validated against the catalogue, audited). A refused save comes back on the page with
 * the closest catalogue entries, the form filled as it was sent.
 */
export function registerMappingsPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  const mappings = createCodeMappingOperations(deps);
  const frameOf = (c: Context<ConsoleEnv>) =>
    pageFrame(c, 'mappings', translator(c.var.language)('mappings'));

  console.get('/mappings', session, async (c) => {
    const kind = kindOf(c.req.query('kind'));
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const localCode = c.req.query('localCode');
    return c.html(
      <MappingsPage
        page={frameOf(c)}
        kind={kind}
        q={q}
        mappings={await mappings.list(kind, q || undefined)}
        draft={localCode ? { localCode } : {}}
      />,
    );
  });

  console.post('/mappings', session, async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) => String(form[name] ?? '').trim();
    const kind = kindOf(text('kind'));
    const localCode = localCodeSchema.safeParse(text('localCode'));
    if (!localCode.success) throw invalid('Mã địa phương không hợp lệ / Invalid local code', localCode.error);
    const write = mappingWriteSchema.safeParse({
      nationalCode: text('nationalCode'),
      ...(text('nationalName') ? { nationalName: text('nationalName') } : {}),
    });
    if (!write.success) throw invalid('Ánh xạ không hợp lệ / Invalid mapping', write.error);
    try {
      await mappings.put(kind, localCode.data, write.data, actorOf(c.var.admin));
    } catch (error) {
      if (!isGatewayError(error, 'mapping.nationalCodeUnknown')) throw error;
      const closest = closestEntrySchema.array().catch([]).parse(error.details.closest);
      c.status(422);
      return c.html(
        <MappingsPage
          page={frameOf(c)}
          kind={kind}
          q=""
          mappings={await mappings.list(kind)}
          draft={{ localCode: localCode.data, ...write.data }}
          refusal={{ message: error.message, closest }}
        />,
      );
    }
    const done = `${localCode.data} → ${write.data.nationalCode}`;
    return c.redirect(`${CONSOLE_PATH}/mappings?kind=${kind}&done=${encodeURIComponent(done)}`, 303);
  });

  console.post('/mappings/delete', session, async (c) => {
    const form = await c.req.parseBody();
    const kind = kindOf(String(form.kind ?? ''));
    const localCode = localCodeSchema.safeParse(String(form.localCode ?? ''));
    if (!localCode.success) throw invalid('Mã địa phương không hợp lệ / Invalid local code', localCode.error);
    await mappings.remove(kind, localCode.data, actorOf(c.var.admin));
    const done = `${translator(c.var.language)('deleteMapping')} ${localCode.data}`;
    return c.redirect(`${CONSOLE_PATH}/mappings?kind=${kind}&done=${encodeURIComponent(done)}`, 303);
  });

  console.post('/mappings/import', session, async (c) => {
    const form = await c.req.parseBody();
    const kind = kindOf(String(form.kind ?? ''));
    const file = form.file;
    const format = file instanceof File ? formatOfFile(file.name) : undefined;
    if (!(file instanceof File) || !format) {
      throw new GatewayError('request.invalid', 'Chọn tệp .csv hoặc .xlsx / Choose a .csv or .xlsx file', {
        fieldErrors: [{ path: '$.file', message: 'Tệp .csv hoặc .xlsx / A .csv or .xlsx file' }],
      });
    }
    const rows = await readMappingFile(format, new Uint8Array(await file.arrayBuffer()));
    const result = await mappings.importRows(kind, rows, {
      dryRun: form.dryRun === 'true',
      actor: actorOf(c.var.admin),
    });
    if (result.errors.length > 0) c.status(422);
    return c.html(<ImportResultPage page={frameOf(c)} result={result} />);
  });

  console.get('/mappings/export', session, async (c) => {
    const kind = kindOf(c.req.query('kind'));
    const format = formatOfFile(`.${c.req.query('format') ?? 'csv'}`) ?? 'csv';
    const bytes = await writeMappingFile(format, await mappings.list(kind));
    return c.body(bytes, 200, mappingFileHeaders(kind, format));
  });
}
