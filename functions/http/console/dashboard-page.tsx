import { listFailedMessages, queueOverview } from '../../application/admin-operations';
import { endpointOverview } from '../../application/operate-endpoints';
import type { ApiDependencies } from '../api-dependencies';
import { BarChart } from './bar-chart';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { EndpointTable } from './endpoints-page';
import { pageFrame } from './page-frame';

/** Ten-minute slots in the throughput window: six hours. */
const SLOTS = 36;
const SLOT_MS = 600_000;
/** Parked records read for the chart's window; a flood beyond it shows as this many. */
const PARKED_IN_WINDOW_LIMIT = 1000;

/**
 * The dashboard at /admin: queues, parked messages, a link to the QĐ 766 scorecard, connected
 * systems (paused or failing ones flagged), and the last six hours' throughput.
 */
export function registerDashboardPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/', session, async (c) => {
    const t = translator(c.var.language);
    const page = pageFrame(c, 'dashboard', t('dashboard'));
    const windowStart = new Date(deps.clock.now().getTime() - SLOTS * SLOT_MS);
    // Parked counts come from the failed-message records, the list's own source: the relay's
    // throughput counters only see what it parks itself, not what the dead-letter queue parks.
    const [overview, buckets, parkedInWindow, endpoints] = await Promise.all([
      queueOverview(deps),
      deps.throughput.recent(windowStart),
      listFailedMessages(deps, { from: windowStart.toISOString() }, { limit: PARKED_IN_WINDOW_LIMIT }),
      endpointOverview(deps),
    ]);
    const parkedNow = overview.queues.reduce((sum, queue) => sum + queue.parked, 0);
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
        <p>
          <a href={`${CONSOLE_PATH}/scorecard`}>{t('scorecardLink')}</a>
        </p>
        <h2>{t('endpoints')}</h2>
        <EndpointTable rows={endpoints} t={t} />
        <h2>{t('throughput')}</h2>
        <div class="cards">
          <div class="card">{chart('national', t('toNational'))}</div>
          <div class="card">{chart('province', t('toProvince'))}</div>
        </div>
      </Layout>,
    );
  });
}
