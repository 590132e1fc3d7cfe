import {
  type ScorecardIndicatorId,
  type ScorecardQuery,
  scorecardIndicatorIdSchema,
  scorecardQuerySchema,
} from '../../../contracts/scorecard';
import { readScorecard, readScorecardExplanation } from '../../application/read-scorecard';
import { monthsBetween } from '../../core/scorecard/scorecard-placement';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../spreadsheet-files';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { InvalidInputAlert } from './invalid-input-alert';
import { pageFrame } from './page-frame';
import { attachmentDisposition, explanationSheet, scorecardSheet, toCsv } from './scorecard-export';
import { ScorecardTrendChart } from './scorecard-trend-chart';
import { toXlsx } from './scorecard-workbook';

const TREND_MONTHS = 6;
const PAGE = `${CONSOLE_PATH}/scorecard`;

/** The last day of a month (yyyy-MM). */
function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** The month `count - 1` months before `month`, so that the two bound `count` months. */
function monthsBefore(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) - (count - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A query string of the page (or an export) for a period, an agency and an indicator. */
export function scorecardSearch(query: ScorecardQuery, indicator?: ScorecardIndicatorId): string {
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.agencyCode) search.set('agencyCode', query.agencyCode);
  if (indicator) search.set('indicator', indicator);
  return search.toString();
}

/** dd-MM-yyyy: a file name holds no slash. */
const shownDay = (day: string) => `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;

/** The two downloads of a table, side by side. */
function ExportLinks({ search, label }: { search: string; label: string }) {
  return (
    <>
      <a href={`${PAGE}/export.xlsx?${search}`} download>{`${label} (.xlsx)`}</a> ·{' '}
      <a href={`${PAGE}/export.csv?${search}`} download>{`${label} (.csv)`}</a>
    </>
  );
}

const percent = (rate: number | null, notApplicable: string) => (rate === null ? notApplicable : `${rate} %`);

/**
 * `${CONSOLE_PATH}/scorecard`: the QĐ 766 indicators of a period (the month so far unless asked)
 * for the province or one agency with its sub-units, each linked to the dossiers that count
 * against it, and the chosen indicator's rate over the last six months.
 */
export function registerScorecardPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  // The scorecard, or with `indicator` its explanation list, for the monthly report.
  for (const format of ['csv', 'xlsx'] as const) {
    console.get(`/scorecard/export.${format}`, session, async (c) => {
      const asked = scorecardQuerySchema.safeParse({
        from: c.req.query('from'),
        to: c.req.query('to'),
        ...(c.req.query('agencyCode') ? { agencyCode: c.req.query('agencyCode') } : {}),
      });
      if (!asked.success)
        return c.text(
          asked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'),
          400,
        );
      const chosen = scorecardIndicatorIdSchema.safeParse(c.req.query('indicator'));
      const sheet = chosen.success
        ? explanationSheet(await readScorecardExplanation(deps, chosen.data, asked.data))
        : scorecardSheet((await readScorecard(deps, asked.data)).report);
      const { from, to } = asked.data;
      const disposition = attachmentDisposition(
        `chi-so-766_${chosen.success ? `${chosen.data}_` : ''}${from}_${to}.${format}`,
        `${chosen.success ? `Hồ sơ bị tính chỉ số ${chosen.data}` : 'Chỉ số 766'} từ ${shownDay(from)} đến ${shownDay(to)}.${format}`,
      );
      return format === 'csv'
        ? c.body(toCsv(sheet), 200, {
            'content-type': CSV_CONTENT_TYPE,
            'content-disposition': disposition,
          })
        : c.body(new Uint8Array(await toXlsx(sheet)), 200, {
            'content-type': XLSX_CONTENT_TYPE,
            'content-disposition': disposition,
          });
    });
  }

  console.get('/scorecard', session, async (c) => {
    const t = translator(c.var.language);
    const vi = c.var.language === 'vi';
    const page = pageFrame(c, 'scorecard', t('scorecard'));
    const today = vietnamDay(deps.clock.now());
    const monthSoFar = { from: `${today.slice(0, 8)}01`, to: today };
    const asked = scorecardQuerySchema.safeParse({
      from: c.req.query('from') || monthSoFar.from,
      to: c.req.query('to') || monthSoFar.to,
      ...(c.req.query('agencyCode') ? { agencyCode: c.req.query('agencyCode') } : {}),
    });
    const query: ScorecardQuery = asked.success ? asked.data : monthSoFar;
    const chosen = scorecardIndicatorIdSchema.safeParse(c.req.query('indicator'));
    const indicator = chosen.success ? chosen.data : undefined;
    const trendIndicator = indicator ?? '2.1';
    const trendMonths = monthsBetween(monthsBefore(query.to.slice(0, 7), TREND_MONTHS), query.to.slice(0, 7));
    const [computation, ...trend] = await Promise.all([
      readScorecard(deps, query),
      ...trendMonths.map((month) =>
        readScorecard(deps, {
          from: `${month}-01`,
          to: lastDayOf(month) < today ? lastDayOf(month) : today,
          ...(query.agencyCode ? { agencyCode: query.agencyCode } : {}),
        }),
      ),
    ]);
    const { report } = computation;
    const selected = report.indicators.find((result) => result.id === trendIndicator);
    const titleOf = (result: { title: string; titleEn: string }) => (vi ? result.title : result.titleEn);
    const dossiers = indicator ? computation.shortfalls.filter((item) => item.indicator === indicator) : [];
    const watch = indicator ? computation.watch.filter((item) => item.indicator === indicator) : [];
    const atRisk = new Map<string, number>();
    for (const item of computation.watch) atRisk.set(item.indicator, (atRisk.get(item.indicator) ?? 0) + 1);
    return c.html(
      <Layout {...page}>
        {asked.success ? null : <InvalidInputAlert error={asked.error} />}
        <form method="get" action={PAGE} class="filters" aria-label={t('scorecard')}>
          <label>
            {t('from')}
            <input type="date" name="from" value={query.from} />
          </label>
          <label>
            {t('to')}
            <input type="date" name="to" value={query.to} />
          </label>
          <label>
            {t('agencyCode')}
            <input name="agencyCode" value={query.agencyCode ?? ''} />
          </label>
          <button type="submit">{t('show')}</button>
        </form>
        <p>
          {vi ? `Phiên bản cách tính: ${report.rulesVersion}` : `Rules version: ${report.rulesVersion}`} ·{' '}
          <ExportLinks search={scorecardSearch(query)} label={t('download')} />
        </p>
        <DataTable
          rows={report.indicators}
          columns={[
            { header: t('indicator'), rowHeader: true, cell: (row) => row.id },
            {
              header: t('scorecard'),
              cell: (row) => (
                <>
                  <a href={`${PAGE}?${scorecardSearch(query, row.id)}#explain`}>{titleOf(row)}</a>
                  {row.note ? (
                    <>
                      <br />
                      <small>{vi ? row.note.vi : row.note.en}</small>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              header: t('numerator'),
              numeric: true,
              cell: (row) => (row.numerator === null ? '–' : row.numerator),
            },
            { header: t('denominator'), numeric: true, cell: (row) => row.denominator },
            { header: t('rate'), numeric: true, cell: (row) => percent(row.rate, t('notApplicable')) },
            {
              header: t('fullMarksAt'),
              numeric: true,
              cell: (row) => (row.fullMarksAt === null ? '' : `${row.fullMarksAt} %`),
            },
            { header: t('score'), numeric: true, cell: (row) => (row.score === null ? '' : row.score) },
            {
              header: t('atRisk'),
              numeric: true,
              cell: (row) => atRisk.get(row.id) ?? 0,
            },
          ]}
        />
        <h2>{`${t('trend')}: ${trendIndicator}`}</h2>
        <ScorecardTrendChart
          label={`${trendIndicator} ${selected ? titleOf(selected) : ''} (%)`}
          points={trendMonths.map((month, index) => ({
            month,
            rate:
              trend[index]?.report.indicators.find((result) => result.id === trendIndicator)?.rate ?? null,
          }))}
          fullMarksAt={selected?.fullMarksAt ?? null}
          notApplicable={t('notApplicable')}
        />
        {indicator ? (
          <>
            <h2 id="explain">{`${t('explain')} ${indicator}`}</h2>
            <p>
              <ExportLinks search={scorecardSearch(query, indicator)} label={t('download')} />
            </p>
            <DataTable
              empty={t('none')}
              rows={dossiers}
              columns={[
                { header: t('dossierCode'), rowHeader: true, cell: (row) => row.subjectCode },
                { header: t('agencyCode'), cell: (row) => row.agencyCode },
                { header: t('category'), cell: (row) => row.category },
                {
                  header: t('reasons'),
                  cell: (row) => row.reasons.map((reason) => (vi ? reason.vi : reason.en)).join('; '),
                },
              ]}
            />
            <h2>{t('watchList')}</h2>
            <DataTable
              empty={t('none')}
              rows={watch}
              columns={[
                { header: t('dossierCode'), rowHeader: true, cell: (row) => row.subjectCode },
                { header: t('handleBy'), cell: (row) => formatVietnamTime(row.handleBy) },
                { header: t('reasons'), cell: (row) => (vi ? row.reason.vi : row.reason.en) },
              ]}
            />
          </>
        ) : null}
      </Layout>,
    );
  });
}
