import { failedMessageFilterSchema } from '../../../contracts/admin-api';
import { bulkReplay, listFailedMessages } from '../../application/admin-operations';
import { actorOf } from '../../application/audit-actor';
import { GatewayError } from '../../core/gateway-error';
import type { ApiDependencies } from '../api-dependencies';
import { fieldErrorsOf } from '../problem-response';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp } from './console-env';
import { CsrfField, DataTable, DossierLink, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { describeDetail, failedStatuses, failedStatusName, kindName } from './console-words';
import { dayOf, dayRange } from './day-range';
import { FilterForm } from './filter-form';
import { FilterSelect } from './filter-select';
import { InvalidInputAlert } from './invalid-input-alert';
import { NextPageLink } from './next-page-link';
import { pageFrame } from './page-frame';

/** The filter fields of a query or form; empty fields and the page's own fields are not filters. */
function parseFilter(fields: Record<string, unknown>, notFilters: readonly string[]) {
  return failedMessageFilterSchema.safeParse(
    Object.fromEntries(
      Object.entries(fields).filter(
        ([key, value]) => typeof value === 'string' && value !== '' && !notFilters.includes(key),
      ),
    ),
  );
}

const asQuery = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)]));

/** Failed messages, filtered a page at a time, and the bulk replay of what the filter matches. */
export function registerFailedMessagesPage(
  console: ConsoleApp,
  deps: ApiDependencies,
  session: ConsoleSession,
) {
  console.get('/failed', session, async (c) => {
    const language = c.var.language;
    const t = translator(language);
    const query = c.req.query();
    // The date pickers send days; the store compares instants (day-range.ts).
    const range = dayRange(query.from, query.to);
    const parsed = parseFilter(
      { ...query, from: undefined, to: undefined, ...(range.ok ? range.instants : {}) },
      ['cursor', 'done', 'status'],
    );
    const filter = parsed.success ? parsed.data : {};
    const status = failedStatuses.find((candidate) => candidate === query.status) ?? 'parked';
    const result = await listFailedMessages(
      deps,
      { ...filter, status },
      { limit: CONSOLE_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) },
    );
    const page = pageFrame(c, 'failed', t('failedMessages'));
    const queueNames = Object.values(deps.queues).map((queue) => queue.name);
    const filterFields = (
      <>
        <CsrfField token={c.var.csrfToken} />
        {Object.entries(filter).map(([key, value]) => (
          <input type="hidden" name={key} value={String(value)} />
        ))}
      </>
    );
    const { from: _from, to: _to, ...notDates } = filter;
    return c.html(
      <Layout {...page}>
        {parsed.success ? null : <InvalidInputAlert error={parsed.error} />}
        {range.ok ? null : (
          <p class="error" role="alert">
            {t(range.problem)}
          </p>
        )}
        <FilterForm action={`${CONSOLE_PATH}/failed`} t={t}>
          <FilterSelect
            label={t('queue')}
            name="queue"
            all={t('all')}
            values={queueNames}
            selected={filter.queue}
          />
          <label>
            {t('dossierCode')}
            <input name="dossierCode" value={filter.dossierCode ?? ''} />
          </label>
          <label>
            {t('agencyCode')}
            <input name="agencyCode" value={filter.agencyCode ?? ''} />
          </label>
          <FilterSelect
            label={t('reason')}
            name="reason"
            all={t('all')}
            values={['rejected', 'exhausted'] as const}
            text={t}
            selected={filter.reason}
          />
          <label>
            {t('status')}
            <select name="status">
              {failedStatuses.map((value) => (
                <option value={value} selected={status === value}>
                  {failedStatusName(value, language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('from')}
            <input type="date" name="from" value={range.days.from ?? ''} />
          </label>
          <label>
            {t('to')}
            <input type="date" name="to" value={range.days.to ?? ''} />
          </label>
        </FilterForm>
        <DataTable
          empty={t('noFailed')}
          rows={result.items}
          columns={[
            { header: t('parkedAt'), cell: (item) => formatVietnamTime(item.parkedAt) },
            {
              header: t('dossierCode'),
              cell: (item) => <DossierLink code={item.dossierCode} />,
            },
            { header: t('agencyCode'), cell: (item) => item.agencyCode },
            { header: t('kind'), cell: (item) => kindName(item.kind, language) },
            {
              header: t('reason'),
              cell: (item) => (item.reason === 'rejected' ? t('rejected') : t('exhausted')),
            },
            { header: t('lastError'), cell: (item) => describeDetail(item.lastError, language) },
            { header: t('attempts'), numeric: true, cell: (item) => item.attempts },
            {
              header: t('details'),
              cell: (item) => (
                <a
                  href={`${CONSOLE_PATH}/failed/${encodeURIComponent(item.messageId)}`}
                  aria-label={`${t('details')} ${item.dossierCode} #${item.sequence}`}
                >
                  {t('details')}
                </a>
              ),
            },
          ]}
        />
        <NextPageLink
          path={`${CONSOLE_PATH}/failed`}
          query={{ ...asQuery(notDates), ...range.days, status }}
          cursor={result.cursor}
          t={t}
        />
        {status === 'parked' && result.items.length > 0 ? (
          <form method="post" action={`${CONSOLE_PATH}/failed/replay`} class="filters">
            {filterFields}
            <label class="check">
              <input type="checkbox" name="dryRun" value="true" checked />
              {t('dryRun')}
            </label>
            <button type="submit">{t('bulkReplay')}</button>
          </form>
        ) : null}
      </Layout>,
    );
  });

  console.post('/failed/replay', session, async (c) => {
    const t = translator(c.var.language);
    const form = await c.req.parseBody();
    const parsed = parseFilter(form, ['csrf', 'dryRun']);
    if (!parsed.success)
      throw new GatewayError('request.invalid', 'Bộ lọc không hợp lệ / Invalid filter', {
        fieldErrors: fieldErrorsOf(parsed.error),
      });
    const dryRun = form.dryRun === 'true';
    const result = await bulkReplay(deps, parsed.data, { actor: actorOf(c.var.admin), dryRun });
    const summary = dryRun
      ? `${result.matched} ${t('matched')}`
      : `${result.replayed.length} ${t('replayedCount')}`;
    // Back to the list with the same filter, its instants as the days the date pickers show.
    const { from, to, ...notDates } = parsed.data;
    const days = Object.entries({ from: dayOf(from), to: dayOf(to) }).filter(([, day]) => day);
    const back = new URLSearchParams({ ...asQuery(notDates), ...Object.fromEntries(days), done: summary });
    return c.redirect(`${CONSOLE_PATH}/failed?${back.toString()}`, 303);
  });
}
