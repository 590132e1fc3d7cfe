import { indicatorQuerySchema } from '../../../contracts/admin-api';
import { listFailedMessages, queueOverview } from '../../application/admin-operations';
import { reportIndicators } from '../../application/report-indicators';
import type { IndicatorFigures } from '../../core/indicators';
import { vietnamDay } from '../../core/vietnam-time';
import type { ApiDependencies } from '../api-dependencies';
import { BarChart } from './bar-chart';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { InvalidInputAlert } from './invalid-input-alert';
import { pageFrame } from './page-frame';

/** Ten-minute slots in the throughput window: six hours. */
const SLOTS = 36;
const SLOT_MS = 600_000;
/** Parked records read for the chart's window; a flood beyond it shows as this many. */
const PARKED_IN_WINDOW_LIMIT = 1000;

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
    const windowStart = new Date(deps.clock.now().getTime() - SLOTS * SLOT_MS);
    // Parked counts come from the failed-message records, the list's own source: the relay's
    // throughput counters only see what it parks itself, not what the dead-letter queue parks.
    const [overview, buckets, indicators, parkedInWindow] = await Promise.all([
      queueOverview(deps),
      deps.throughput.recent(windowStart),
      reportIndicators(deps, period),
      listFailedMessages(deps, { from: windowStart.toISOString() }, { limit: PARKED_IN_WINDOW_LIMIT }),
    ]);
    const parkedNow = overview.queues.reduce((sum, queue) => sum + queue.parked, 0);
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
    const slots = Array.from({ length: SLOTS }, (_, index) => {
      const at = new Date(deps.clock.now().getTime() - (SLOTS - 1 - index) * SLOT_MS);
      const minutes = String(Math.floor(at.getUTCMinutes() / 10) * 10).padStart(2, '0');
      return `${at.toISOString().slice(0, 13)}:${minutes}`;
    });
    const queueNameOf = (channel: string) => deps.queues[channel as keyof typeof deps.queues]?.name;
    const seriesOf = (channel: string) => {
      const counts = slots.map((slot) =>
        buckets.find((bucket) => bucket.channel === channel && bucket.bucket === slot),
      );
      const parked = slots.map(
        (slot) =>
          parkedInWindow.items.filter(
            (item) => item.queue === queueNameOf(channel) && item.parkedAt.slice(0, 15) === slot.slice(0, 15),
          ).length,
      );
      return [
        { tone: 'ok', label: t('delivered'), values: counts.map((found) => found?.delivered ?? 0) },
        { tone: 'bad', label: t('failedAttempts'), values: counts.map((found) => found?.failed ?? 0) },
        { tone: 'held', label: t('parkedInWindow'), values: parked },
      ] as const;
    };
    const chart = (channel: string, label: string) => (
      <BarChart
        label={label}
        unit={t('chartUnit')}
        timeAxis={t('timeAxis')}
        slots={slots.map((slot) => `${slot}:00Z`)}
        tickEvery={6}
        series={seriesOf(channel)}
      />
    );
    return c.html(
      <Layout {...page}>
        <ul class="counters">
          <li>
            <a href={`${CONSOLE_PATH}/failed?status=parked`}>{t('parkedNow')}</a>
            <strong data-counter="parked">{parkedNow}</strong>
          </li>
        </ul>
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
          <div class="card">{chart('national', t('toNational'))}</div>
          <div class="card">{chart('province', t('toProvince'))}</div>
        </div>
      </Layout>,
    );
  });
}
