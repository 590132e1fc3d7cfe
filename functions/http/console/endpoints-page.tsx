import type { EndpointStatus, WebhookDelivery } from '../../../contracts/endpoint-operations';
import { actorOf } from '../../application/audit-actor';
import {
  endpointOverview,
  listDeliveries,
  pauseSystem,
  resumeSystem,
  sendTestEvent,
} from '../../application/operate-endpoints';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, type PageFrame, PostButton } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, translator } from './console-text';
import { Facts } from './facts';
import { pageFrame } from './page-frame';
import { systemIdParam } from './system-id-param';

type Translate = PageFrame['t'];

/** Delivery log rows shown on a system's page. */
const LOG_ROWS = 50;

const outcomeLabel = {
  delivered: 'outcomeDelivered',
  failed: 'outcomeFailed',
  rejected: 'outcomeRejected',
} as const;

const pagePath = (systemId: string) => `${CONSOLE_PATH}/endpoints/${encodeURIComponent(systemId)}`;

/** Paused, failing or delivering, in words: the dashboard's and the list's one cell. */
export function EndpointState(props: { readonly status: EndpointStatus; readonly t: Translate }) {
  const { status, t } = props;
  if (status.paused) {
    return (
      <span class="held-text" data-endpoint-state="paused">
        {t('pausedSince')} {formatVietnamTime(status.paused.since)} ({status.paused.by})
      </span>
    );
  }
  if (status.health.failing) {
    return (
      <span class="bad-text" data-endpoint-state="failing">
        {t('failingSince')} {formatVietnamTime(status.health.failingSince)}
      </span>
    );
  }
  return <span data-endpoint-state="running">{t('running')}</span>;
}

/** Every connected system with its state, linking to its page. */
export function EndpointTable(props: { readonly rows: readonly EndpointStatus[]; readonly t: Translate }) {
  const { t } = props;
  return (
    <DataTable
      rows={props.rows}
      columns={[
        {
          header: t('system'),
          rowHeader: true,
          cell: (status) => <a href={pagePath(status.systemId)}>{status.systemId}</a>,
        },
        { header: t('webhookUrl'), cell: (status) => status.webhookUrl },
        { header: t('deliveryState'), cell: (status) => <EndpointState status={status} t={t} /> },
      ]}
    />
  );
}

function SystemPage(props: {
  readonly frame: PageFrame & { readonly csrfToken: string };
  readonly log: EndpointStatus & { readonly items: readonly WebhookDelivery[] };
}) {
  const { t, csrfToken } = props.frame;
  const { log } = props;
  return (
    <Layout {...props.frame}>
      <Facts
        label={t('system')}
        facts={[
          [t('webhookUrl'), log.webhookUrl],
          [t('deliveryState'), <EndpointState status={log} t={t} />],
        ]}
      />
      {log.paused ? <p>{t('pausedNote')}</p> : null}
      {log.health.failing ? (
        <p class="error" role="alert">
          {t('failingHint').replace('{minutes}', String(log.health.failingAfterMinutes))}
        </p>
      ) : null}
      <p class="actions">
        <PostButton
          action={`${pagePath(log.systemId)}/${log.paused ? 'resume' : 'pause'}`}
          csrfToken={csrfToken}
          label={log.paused ? t('resumeDeliveries') : t('pauseDeliveries')}
        />{' '}
        <PostButton
          action={`${pagePath(log.systemId)}/webhook-test`}
          csrfToken={csrfToken}
          label={t('sendTestEvent')}
        />
      </p>
      <h2>{t('deliveryLog')}</h2>
      <DataTable
        empty={t('noDeliveries')}
        rows={log.items}
        columns={[
          { header: t('at'), rowHeader: true, cell: (item) => formatVietnamTime(item.at) },
          { header: t('eventType'), cell: (item) => item.eventType },
          { header: t('dossierCode'), cell: (item) => item.dossierCode ?? '' },
          { header: t('httpStatus'), numeric: true, cell: (item) => item.httpStatus ?? '—' },
          { header: t('latency'), numeric: true, cell: (item) => item.latencyMs },
          { header: t('attemptNumber'), numeric: true, cell: (item) => item.attempt },
          {
            header: t('outcome'),
            cell: (item) => <span title={item.detail}>{t(outcomeLabel[item.outcome])}</span>,
          },
        ]}
      />
    </Layout>
  );
}

/**
 * `${CONSOLE_PATH}/endpoints`: connected systems' webhook endpoints (issue 19), each with its
 * delivery log, a test event, and pause / resume. Registering systems is the systems pages'.
 */
export function registerEndpointsPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/endpoints', session, async (c) => {
    const t = translator(c.var.language);
    return c.html(
      <Layout {...pageFrame(c, 'endpoints', t('endpoints'))}>
        <EndpointTable rows={await endpointOverview(deps)} t={t} />
      </Layout>,
    );
  });

  console.get('/endpoints/:id', session, async (c) => {
    const t = translator(c.var.language);
    const systemId = systemIdParam(c);
    const log = await listDeliveries(deps, systemId, LOG_ROWS);
    return c.html(
      <SystemPage
        frame={{ ...pageFrame(c, 'endpoints', `${t('system')} ${systemId}`), csrfToken: c.var.csrfToken }}
        log={log}
      />,
    );
  });

  const act = (
    action: 'pause' | 'resume',
    run: typeof pauseSystem,
    label: 'pauseDeliveries' | 'resumeDeliveries',
  ) =>
    console.post(`/endpoints/:id/${action}`, session, async (c) => {
      const systemId = systemIdParam(c);
      await run(deps, systemId, actorOf(c.var.admin));
      const done = `${translator(c.var.language)(label)} ${systemId}`;
      return c.redirect(`${pagePath(systemId)}?done=${encodeURIComponent(done)}`, 303);
    });
  act('pause', pauseSystem, 'pauseDeliveries');
  act('resume', resumeSystem, 'resumeDeliveries');

  console.post('/endpoints/:id/webhook-test', session, async (c) => {
    const t = translator(c.var.language);
    const systemId = systemIdParam(c);
    const result = await sendTestEvent(deps, systemId, actorOf(c.var.admin));
    const done = `${t('testEventResult')}: ${t(outcomeLabel[result.outcome])}, HTTP ${result.status ?? '—'}, ${result.latencyMs} ms`;
    return c.redirect(`${pagePath(systemId)}?done=${encodeURIComponent(done)}`, 303);
  });
}
