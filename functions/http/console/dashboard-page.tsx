import { queueOverview } from '../../application/admin-operations';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { BarChart, DataTable, Layout } from './console-layout';
import type { ConsoleSession } from './console-session';
import { translator } from './console-text';
import { pageFrame } from './page-frame';

/**
 * The dashboard at /admin: queues and the last six hours' throughput; the national indicators
 * are the QĐ 766 scorecard's page (/admin/scorecard).
 */
export function registerDashboardPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/', session, async (c) => {
    const t = translator(c.var.language);
    const page = pageFrame(c, 'dashboard', t('dashboard'));
    const [overview, buckets] = await Promise.all([
      queueOverview(deps),
      deps.throughput.recent(new Date(deps.clock.now().getTime() - 6 * 3_600_000)),
    ]);
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
        <p>
          <a href={`${CONSOLE_PATH}/scorecard`}>{t('scorecardLink')}</a>
        </p>
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
