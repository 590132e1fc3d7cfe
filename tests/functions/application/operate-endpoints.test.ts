import type { Context, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryAuditLog } from '../../../functions/adapters/in-memory/audit-log';
import { createInMemoryBusinessMetrics } from '../../../functions/adapters/in-memory/business-metrics';
import { createInMemoryEndpointPauses } from '../../../functions/adapters/in-memory/endpoint-operations';
import { createInMemoryThroughputStats } from '../../../functions/adapters/in-memory/throughput-stats';
import { acceptNationalDossier } from '../../../functions/application/accept-national-push';
import {
  endpointOverview,
  listDeliveries,
  pauseSystem,
  resumeSystem,
  sendTestEvent,
} from '../../../functions/application/operate-endpoints';
import { createProvinceRelayHandler } from '../../../functions/handlers/province-relay';
import { topology } from '../../../infra/topology';
import { sequentialIds } from '../../support/fixtures';
import { aGatewayWorld, aNationalPush, type GatewayWorld, h12System } from '../../support/use-case-fixtures';

/** Operating a system's endpoint (issue 19) over in-memory ports, the relay handler included. */

const operator = { type: 'person', subject: 'op-1', name: 'Nguyễn Văn An' } as const;
const settings = { ...topology.endpointOperations, pausedRequeueAfterReceives: 3 };

let world: GatewayWorld;
let deps: GatewayWorld & {
  audit: ReturnType<typeof createInMemoryAuditLog>;
  endpointPauses: ReturnType<typeof createInMemoryEndpointPauses>;
  endpointOperations: typeof settings;
};

beforeEach(() => {
  world = aGatewayWorld();
  deps = {
    ...world,
    audit: createInMemoryAuditLog({ clock: world.clock, newId: sequentialIds('audit') }),
    endpointPauses: createInMemoryEndpointPauses(),
    endpointOperations: settings,
  };
});

/** The province relay function over the world's queue, fed as the SQS event source feeds it. */
function aRelay() {
  const handler = createProvinceRelayHandler({
    ...deps,
    random: () => 0.5,
    retryPolicy: topology.retry,
    throughput: createInMemoryThroughputStats(),
    metrics: createInMemoryBusinessMetrics(),
  });
  const receives = new Map<string, number>();
  const queue = world.queues.province;
  /** Receives and handles every message once, in FIFO order; returns what the handler failed. */
  return async function round(): Promise<number> {
    let failed = 0;
    for (let received = queue.receive(); received; received = queue.receive()) {
      const { envelope, receiptHandle } = received;
      const key = `${envelope.messageId}.${envelope.releasedAt ?? ''}`;
      receives.set(key, (receives.get(key) ?? 0) + 1);
      const record = {
        messageId: receiptHandle,
        receiptHandle,
        body: JSON.stringify(envelope),
        attributes: {
          ApproximateReceiveCount: String(receives.get(key)),
          MessageGroupId: envelope.dossierCode,
        },
      } as unknown as SQSRecord;
      const response = await handler({ Records: [record] }, {} as Context);
      if (response.batchItemFailures.length > 0) {
        failed += 1;
        queue.release(receiptHandle);
        // Hidden for its backoff: the round ends for it as the real queue would hide it.
        break;
      }
      queue.acknowledge(receiptHandle);
    }
    return failed;
  };
}

/** Three versions of one dossier from the portal: three province messages, sequences 1 to 3. */
async function threeMessagesForOneDossier() {
  const push = aNationalPush();
  for (const holder of ['Nguyễn Văn A', 'Nguyễn Văn B', 'Nguyễn Văn C']) {
    await acceptNationalDossier(world, { ...push, ChuHoSo: holder }, 'trace');
  }
  return push.MaHoSo;
}

describe('pausing a system', () => {
  it('keeps its deliveries waiting, unattempted and unparked, then resume drains them in order', async () => {
    const dossierCode = await threeMessagesForOneDossier();
    const queued = world.queues.province.sent.length;
    expect(queued).toBeGreaterThanOrEqual(1);
    await pauseSystem(deps, h12System.clientId, operator);
    const round = aRelay();

    // More receives than the requeue threshold: the message goes round as a fresh copy.
    for (let receive = 0; receive < settings.pausedRequeueAfterReceives + 2; receive += 1) await round();

    expect(world.webhooks.delivered).toEqual([]);
    expect(await world.store.listFailedMessages({ queue: 'to-province.fifo', limit: 10 })).toEqual({
      items: [],
    });
    const history = await world.store.listHistory('province', dossierCode);
    expect(history.flatMap((message) => message.attempts)).toEqual([]);
    expect((await listDeliveries(deps, h12System.clientId, 10)).items).toEqual([]);
    expect(
      world.queues.province.delays.every((delay) => delay.seconds === settings.pauseRecheckSeconds),
    ).toBe(true);
    const goneRound = world.queues.province.sent.filter((envelope) => envelope.releasedAt !== undefined);
    expect(goneRound.length).toBeGreaterThan(0);

    await resumeSystem(deps, h12System.clientId, operator);
    for (let attempt = 0; attempt < 10 && world.webhooks.delivered.length < 3; attempt += 1) await round();

    // Each once, in order, and nothing left over in the queue.
    expect(world.webhooks.delivered.map(({ event }) => event.id)).toEqual(
      history.map((message) => message.messageId),
    );
    expect(history.map((message) => message.sequence)).toEqual([1, 2, 3]);
    expect(await world.store.listFailedMessages({ queue: 'to-province.fifo', limit: 10 })).toEqual({
      items: [],
    });
    expect(world.queues.province.depth()).toEqual({ visible: 0, inFlight: 0 });
    expect(deps.audit.entries.map((entry) => entry.action)).toEqual(['system.pause', 'system.resume']);
    expect(deps.audit.entries[0]?.actor).toEqual(operator);
  });

  it('leaves other systems’ deliveries alone', async () => {
    await world.provinceSystems.register({ ...h12System, clientId: 'other', agencies: ['*.H56'] });
    await threeMessagesForOneDossier();
    await pauseSystem(deps, 'other', operator);

    const round = aRelay();
    for (let attempt = 0; attempt < 5 && world.webhooks.delivered.length < 3; attempt += 1) await round();

    expect(world.webhooks.delivered).toHaveLength(3);
  });

  it('shows on the overview, with who paused it and since when; a second pause keeps the first', async () => {
    await pauseSystem(deps, h12System.clientId, operator);
    world.clock.advance(60);
    await pauseSystem(deps, h12System.clientId, { type: 'client', clientId: 'admin-tool' });

    expect(await endpointOverview(deps)).toEqual([
      expect.objectContaining({
        systemId: h12System.clientId,
        paused: { since: '2025-03-14T02:00:00.000Z', by: 'Nguyễn Văn An (op-1)' },
      }),
    ]);
    expect(deps.audit.entries).toHaveLength(1);
  });

  it('answers 404 system.notFound for an unknown system', async () => {
    await expect(pauseSystem(deps, 'nobody', operator)).rejects.toMatchObject({ code: 'system.notFound' });
    await expect(listDeliveries(deps, 'nobody', 10)).rejects.toMatchObject({ code: 'system.notFound' });
  });
});

describe('the delivery log', () => {
  it('lists each attempt newest first with its event, dossier, HTTP status, attempt number and outcome', async () => {
    const push = aNationalPush();
    await acceptNationalDossier(world, push, 'trace');
    world.webhooks.failNext('transient', 2);
    const round = aRelay();
    for (let attempt = 0; attempt < 5 && world.webhooks.delivered.length < 1; attempt += 1) {
      await round();
      world.clock.advance(1);
    }

    const log = await listDeliveries(deps, h12System.clientId, 10);

    expect(log.items.map(({ attempt, outcome, httpStatus }) => ({ attempt, outcome, httpStatus }))).toEqual([
      { attempt: 3, outcome: 'delivered', httpStatus: 204 },
      { attempt: 2, outcome: 'failed', httpStatus: 503 },
      { attempt: 1, outcome: 'failed', httpStatus: 503 },
    ]);
    expect(log.items[0]).toMatchObject({ eventType: 'dossier.submitted', dossierCode: push.MaHoSo });
    expect(log.health).toEqual({ failing: false, failingAfterMinutes: settings.failingAfterMinutes });
  });

  it('flags a system failing once every attempt has failed for failingAfterMinutes', async () => {
    await acceptNationalDossier(world, aNationalPush(), 'trace');
    world.webhooks.failNext('transient', 100);
    const round = aRelay();
    await round();
    world.clock.advance((settings.failingAfterMinutes - 1) * 60);
    await round();

    expect((await listDeliveries(deps, h12System.clientId, 10)).health.failing).toBe(false);

    world.clock.advance(60);
    const [status] = await endpointOverview(deps);
    expect(status?.health).toEqual({
      failing: true,
      failingSince: '2025-03-14T02:00:00.000Z',
      failingAfterMinutes: settings.failingAfterMinutes,
    });
  });
});

describe('a test event', () => {
  it('sends a signed ping and answers the status, logs it and audits it', async () => {
    const result = await sendTestEvent(deps, h12System.clientId, operator);

    expect(result).toEqual({ status: 204, latencyMs: 0, outcome: 'delivered' });
    expect(world.webhooks.delivered).toEqual([
      { clientId: h12System.clientId, event: expect.objectContaining({ type: 'ping' }) },
    ]);
    expect((await listDeliveries(deps, h12System.clientId, 5)).items).toEqual([
      expect.objectContaining({ eventType: 'ping', attempt: 1, outcome: 'delivered', httpStatus: 204 }),
    ]);
    expect(deps.audit.entries).toEqual([
      expect.objectContaining({ action: 'system.webhookTest', target: h12System.clientId, actor: operator }),
    ]);
  });

  it('answers a failing endpoint with its status instead of throwing', async () => {
    world.webhooks.failNext('rejected');

    const result = await sendTestEvent(deps, h12System.clientId, operator);

    expect(result).toMatchObject({
      status: 400,
      outcome: 'rejected',
      error: expect.stringMatching(/HTTP 400/),
    });
  });
});
