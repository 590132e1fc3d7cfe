import type { Context } from 'hono';
import { agencyCodeSchema } from '../../../contracts/codes';
import { dossierStatuses } from '../../../contracts/dossier-status';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleEnv } from './console-env';
import { DataTable, dossierColumn } from './console-layout';
import { formatVietnamTime, translator } from './console-text';
import { dossierStatusName } from './console-words';
import { dayRange } from './day-range';
import { FilterForm } from './filter-form';
import { FilterSelect } from './filter-select';
import { NextPageLink } from './next-page-link';

/** The list's default window, and the longest it reads (one query per day). */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 92;
const DAY_MS = 86_400_000;

/**
 * Recent dossiers by the day of their code, newest first, filtered by agency, status and days,
 * a page at a time; each links to its timeline. Bad filters are said above the form, never a 5xx.
 */
export async function recentDossiers(c: Context<ConsoleEnv>, deps: ApiDependencies) {
  const language = c.var.language;
  const t = translator(language);
  const query = c.req.query();
  const today = vietnamDay(deps.clock.now());
  const fromDay =
    query.from || vietnamDay(new Date(deps.clock.now().getTime() - (DEFAULT_DAYS - 1) * DAY_MS));
  const toDay = query.to || today;
  const range = dayRange(fromDay, toDay);
  const agency = query.agencyCode ? agencyCodeSchema.safeParse(query.agencyCode) : undefined;
  const status = dossierStatuses.find((candidate) => candidate.name === query.status)?.name;
  const tooLong = range.ok && Date.parse(toDay) - Date.parse(fromDay) >= MAX_DAYS * DAY_MS;
  const problem = !range.ok
    ? t(range.problem)
    : tooLong
      ? t('rangeTooLong')
      : agency?.success === false
        ? `${t('agencyCode')}: ${agency.error.issues[0]?.message ?? ''}`
        : undefined;
  const result = problem
    ? { items: [] }
    : await deps.store.listDossiers({
        fromDay,
        toDay,
        ...(agency?.success ? { agencyCode: agency.data } : {}),
        ...(status ? { status } : {}),
        limit: CONSOLE_PAGE_SIZE,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
  return (
    <>
      <h2>{t('recentDossiers')}</h2>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      <FilterForm action={`${CONSOLE_PATH}/dossiers`} t={t}>
        <label>
          {t('agencyCode')}
          <input name="agencyCode" value={query.agencyCode ?? ''} placeholder="000.00.12.H12" />
        </label>
        <FilterSelect
          label={t('status')}
          name="status"
          all={t('all')}
          values={dossierStatuses.map(({ name }) => name)}
          text={(name) => dossierStatusName(name, language)}
          selected={status}
        />
        <label>
          {t('from')}
          <input type="date" name="from" value={fromDay} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={toDay} />
        </label>
      </FilterForm>
      <search>
        <form method="get" action={`${CONSOLE_PATH}/dossiers`} class="filters">
          <label>
            {t('dossierCode')}
            <input name="code" placeholder="000.00.12.H12-250314-0007" />
          </label>
          <button type="submit">{t('search')}</button>
        </form>
      </search>
      <DataTable
        empty={t('noDossiers')}
        rows={result.items}
        columns={[
          dossierColumn(t('dossierCode')),
          { header: t('agencyCode'), cell: (item) => item.agencyCode },
          { header: t('status'), cell: (item) => dossierStatusName(item.status, language) },
          {
            header: t('dossierDay'),
            cell: (item) => formatVietnamTime(`${item.day}T00:00:00+07:00`).slice(0, 10),
          },
          { header: t('updatedAt'), cell: (item) => formatVietnamTime(item.updatedAt) },
        ]}
      />
      <NextPageLink
        path={`${CONSOLE_PATH}/dossiers`}
        query={{
          from: fromDay,
          to: toDay,
          ...(query.agencyCode ? { agencyCode: query.agencyCode } : {}),
          ...(status ? { status } : {}),
        }}
        cursor={result.cursor}
        t={t}
      />
    </>
  );
}
