import { indicatorQuerySchema } from '../../../contracts/admin-api';
import { queueOverview } from '../../application/admin-operations';
import { reportIndicators } from '../../application/report-indicators';
import type { IndicatorFigures } from '../../core/indicators';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { BarChart, DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { InvalidInputAlert } from './invalid-input-alert';
import { pageFrame } from './page-frame';

/**
 * The dashboard at /admin: queues, the service-quality indicators of a period (the month so
 * far unless asked), and the last six hours' throughput.
 */
export function registerDashboardPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/', session, async (c) => {
    const t = translator(c.var.language);
    const page = pageFrame(c, 'dashboard', t('dashboard'));
    const today = vietnamDay(deps.clock.now());
    // The month so far unless the administrator asked for another period or one agency.
    const asked = indicatorQuerySchema.safeParse({
      from: c.req.query('from') || `${today.slice(0, 8)}01`,
      to: c.req.query('to') || today,
      ...(c.req.query('agencyCode') ? { agencyCode: c.req.query('agencyCode') } : {}),
    });
    const period = asked.success ? asked.data : { from: `${today.slice(0, 8)}01`, to: today };
    const [overview, buckets, indicators] = await Promise.all([
      queueOverview(deps),
      deps.throughput.recent(new Date(deps.clock.now().getTime() - 6 * 3_600_000)),
      reportIndicators(deps, period),
    ]);
    const percent = (ratio: number | null) => (ratio === null ? '–' : `${Math.round(ratio * 1000) / 10} %`);
    const figureColumns = [
      { header: t('received'), numeric: true, cell: (row: IndicatorFigures) => row.received },
      { header: t('finished'), numeric: true, cell: (row: IndicatorFigures) => row.finished },
      { header: t('onTime'), numeric: true, cell: (row: IndicatorFigures) => row.finishedOnTime },
      { header: t('late'), numeric: true, cell: (row: IndicatorFigures) => row.finishedLate },
      { header: t('onTimeRate'), numeric: true, cell: (row: IndicatorFigures) => percent(row.onTimeRate) },
      { header: t('inProgress'), numeric: true, cell: (row: IndicatorFigures) => row.inProgress },
      { header: t('onlineShare'), numeric: true, cell: (row: IndicatorFigures) => percent(row.onlineShare) },
      { header: t('refused'), numeric: true, cell: (row: IndicatorFigures) => row.refused },
    ];
    const oneAgency = 'agencyCode' in period ? indicators.agencies[0] : undefined;
    // Every ten-minute slot of the window gets a bar, empty or not, so the time axis is honest.
    const slots = Array.from({ length: 36 }, (_, index) => {
      const at = new Date(deps.clock.now().getTime() - (35 - index) * 600_000);
      const minutes = String(Math.floor(at.getUTCMinutes() / 10) * 10).padStart(2, '0');
      return `${at.toISOString().slice(0, 13)}:${minutes}`;
    });
    const seriesOf = (channel: string) =>
      slots.map((slot) => {
        const found = buckets.find((bucket) => bucket.channel === channel && bucket.bucket === slot);
        return { bucket: slot, delivered: found?.delivered ?? 0, failed: found?.failed ?? 0 };
      });
    return c.html(
      <Layout {...page}>
        <h2>{t('queues')}</h2>
        <DataTable
          rows={overview.queues}
          columns={[
            {
              header: t('queue'),
              rowHeader: true,
              cell: (queue) => (
                <a href={`${CONSOLE_PATH}/failed?queue=${encodeURIComponent(queue.name)}`}>{queue.name}</a>
              ),
            },
            { header: t('depth'), numeric: true, cell: (queue) => queue.depth },
            { header: t('inFlight'), numeric: true, cell: (queue) => queue.inFlight },
            { header: t('deadLetters'), numeric: true, cell: (queue) => queue.deadLetterDepth },
            { header: t('parked'), numeric: true, cell: (queue) => queue.parked },
          ]}
        />
        <p>
          {t('oldestPending')}:{' '}
          <strong>
            {overview.oldestPendingAgeSeconds === null ? t('none') : `${overview.oldestPendingAgeSeconds} s`}
          </strong>
        </p>
        <h2 id="indicators">{t('indicators')}</h2>
        {asked.success ? null : <InvalidInputAlert error={asked.error} />}
        <form method="get" action={`${CONSOLE_PATH}#indicators`} class="filters" aria-label={t('indicators')}>
          <label>
            {t('from')}
            <input type="date" name="from" value={period.from} />
          </label>
          <label>
            {t('to')}
            <input type="date" name="to" value={period.to} />
          </label>
          <label>
            {t('agencyCode')}
            <input name="agencyCode" value={'agencyCode' in period ? (period.agencyCode ?? '') : ''} />
          </label>
          <button type="submit">{t('show')}</button>
        </form>
        {indicators.agencies.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable
            rows={indicators.agencies}
            columns={[
              {
                header: t('agencyCode'),
                rowHeader: true,
                cell: (agency) => (
                  <a
                    href={`${CONSOLE_PATH}?from=${period.from}&to=${period.to}&agencyCode=${encodeURIComponent(agency.agencyCode)}#indicators`}
                  >
                    {agency.agencyCode}
                  </a>
                ),
              },
              ...figureColumns,
            ]}
          />
        )}
        {oneAgency && oneAgency.procedures.length > 0 ? (
          <>
            <h3>{t('byProcedure')}</h3>
            <DataTable
              rows={oneAgency.procedures}
              columns={[
                { header: t('procedureCode'), rowHeader: true, cell: (row) => row.procedureCode },
                ...figureColumns,
              ]}
            />
          </>
        ) : null}
        <h2>{t('throughput')}</h2>
        <div class="cards">
          <div class="card">
            <BarChart
              label={t('toNational')}
              series={seriesOf('national')}
              legend={{ delivered: t('delivered'), failed: t('failed') }}
            />
          </div>
          <div class="card">
            <BarChart
              label={t('toProvince')}
              series={seriesOf('province')}
              legend={{ delivered: t('delivered'), failed: t('failed') }}
            />
          </div>
        </div>
      </Layout>,
    );
  });
}
