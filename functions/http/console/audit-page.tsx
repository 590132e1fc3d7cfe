import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, prettyJson } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { pageFrame } from './page-frame';

/** `${CONSOLE_PATH}/audit`: every administrator's action, newest first. */
export function registerAuditPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/audit', session, async (c) => {
    const t = translator(c.var.language);
    const cursor = c.req.query('cursor');
    const result = await deps.audit.list({ limit: CONSOLE_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const page = pageFrame(c, 'audit', t('audit'));
    return c.html(
      <Layout {...page}>
        <DataTable
          rows={result.items}
          columns={[
            { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
            { header: t('actor'), cell: (entry) => entry.actor },
            { header: t('action'), cell: (entry) => entry.action },
            { header: t('target'), cell: (entry) => entry.target },
            { header: t('reason'), cell: (entry) => entry.reason ?? '' },
            {
              header: t('detail'),
              cell: (entry) => <code>{prettyJson({ before: entry.before, after: entry.after })}</code>,
            },
          ]}
        />
        {result.cursor ? (
          <p>
            <a href={`${CONSOLE_PATH}/audit?cursor=${encodeURIComponent(result.cursor)}`}>{t('next')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
