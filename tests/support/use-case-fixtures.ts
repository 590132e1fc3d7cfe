import { inboundNationalDossierSchema, nationalErrorCodes } from '../../contracts/national-portal';
import { checksumValues } from '../../contracts/payment-platform';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';
import type { PaymentRequest } from '../../contracts/provincial-payments';
import { createConfiguredAgencyNames } from '../../functions/adapters/configured-agency-names';
import { createInMemoryBusinessMetrics } from '../../functions/adapters/in-memory/business-metrics';
import { createInMemoryDeadlineWatch } from '../../functions/adapters/in-memory/deadline-watch';
import { createInMemoryDossierItems } from '../../functions/adapters/in-memory/dossier-items';
import { createInMemoryDossierStore } from '../../functions/adapters/in-memory/dossier-store';
import { createInMemoryDeliveryLog } from '../../functions/adapters/in-memory/endpoint-operations';
import { createRecordingLogger } from '../../functions/adapters/in-memory/logger';
import { createManualClock } from '../../functions/adapters/in-memory/manual-clock';
import { createInMemoryMessageQueue } from '../../functions/adapters/in-memory/message-queue';
import { createInMemoryNationalPortal } from '../../functions/adapters/in-memory/national-portal';
import { createInMemoryPaymentPlatform } from '../../functions/adapters/in-memory/payment-platform';
import { createInMemoryPaymentStore } from '../../functions/adapters/in-memory/payment-store';
import { createInMemoryProvinceSystems } from '../../functions/adapters/in-memory/province-systems';
import { createInMemoryReconciliationReports } from '../../functions/adapters/in-memory/reconciliation-reports';
import { createInMemoryScorecardStore } from '../../functions/adapters/in-memory/scorecard-store';
import { createInMemoryWebhookSender } from '../../functions/adapters/in-memory/webhook-sender';
import { acceptMessage } from '../../functions/application/accept-message';
import { createPayment } from '../../functions/application/create-payment';
import { createNationalDeliverer } from '../../functions/application/deliver-to-national';
import { createProvinceDeliverer } from '../../functions/application/deliver-to-province';
import type { PaymentSettings } from '../../functions/application/payment-dependencies';
import { createScorecardRecorder } from '../../functions/application/record-scorecard';
import { type Deliverer, relayMessage } from '../../functions/application/relay-message';
import { createDeliveryTracker } from '../../functions/application/track-national-delivery';
import type { Channel } from '../../functions/core/dossier-message';
import { isGatewayError } from '../../functions/core/gateway-error';
import { toNationalTimestamp } from '../../functions/core/national-time';
import type { Payment } from '../../functions/core/payment';
import { computePaymentChecksum } from '../../functions/core/payment-checksum';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import type { ProvinceSystem } from '../../functions/ports/province-systems';
import { channelQueues, topology } from '../../infra/topology';
import { aDossier, aPaymentRequest, sequentialIds, sequentialPaymentIds } from './fixtures';
import { aStatusChange } from './national-fixtures';
import { sheetRules, testCalendar } from './scorecard-dossiers';

/**
 * The use cases' unit-test world: every port in memory, a clock that moves only when told, and
 * ids that count up. One world per test; what a test changes in it is what the test is about.
 */

export const H12 = '000.00.12.H12';
export const H12_NAME = 'UBND phường Hoàn Kiếm';

/** The provincial one-stop system of H12, which owns every agency of the province. */
export const h12System: ProvinceSystem = {
  clientId: 'hanoi-one-stop',
  agencies: ['*.H12'],
  webhookUrl: 'https://motcua.example.vn/webhooks',
};

/** The administrator of the use-case tests, a person signed in to the console. */
export const anAdministrator = {
  type: 'person',
  subject: 'admin@so-tttt.gov.vn',
  name: 'Lê Quản Trị',
} as const;

export function aGatewayWorld(start = '2025-03-14T02:00:00.000Z') {
  const clock = createManualClock(start);
  const items = createInMemoryDossierItems();
  const store = createInMemoryDossierStore({ items, now: () => clock.now() });
  const logger = createRecordingLogger();
  const agencyNames = createConfiguredAgencyNames({
    version: 'test',
    strict: false,
    byCode: new Map([[H12, H12_NAME]]),
  });
  const portal = createInMemoryNationalPortal();
  const webhooks = createInMemoryWebhookSender();
  const provinceSystems = createInMemoryProvinceSystems([h12System]);
  const scorecard = createInMemoryScorecardStore();
  const deliveryLog = createInMemoryDeliveryLog();
  const track = createDeliveryTracker({
    recordScorecard: createScorecardRecorder({
      scorecard,
      scorecardRules: sheetRules(),
      calendar: testCalendar,
      clock,
    }),
    logger,
    pausedStatuses: topology.deadlines.pausedStatuses,
  });
  return {
    clock,
    items,
    store,
    queues: {
      national: createInMemoryMessageQueue(channelQueues.national.queue.name, { clock }),
      province: createInMemoryMessageQueue(channelQueues.province.queue.name, { clock }),
    },
    logger,
    newId: sequentialIds('id'),
    agencyNames,
    portal,
    webhooks,
    provinceSystems,
    scorecard,
    deadlineWatch: createInMemoryDeadlineWatch(items),
    deliveryLog,
    /** The real deliverers, over the in-memory portal and webhook endpoints. */
    deliverers: {
      national: createNationalDeliverer({ portal, store, agencyNames, logger }, track),
      province: createProvinceDeliverer({ provinceSystems, webhooks, deliveryLog, store, clock, logger }),
    } satisfies Record<Channel, Deliverer>,
  };
}

export type GatewayWorld = ReturnType<typeof aGatewayWorld>;

/** A province's dossier accepted for the portal as POST /v1/dossiers accepts it. */
export async function acceptDossier(world: GatewayWorld, overrides: Partial<DossierSubmission> = {}) {
  const dossier = aDossier(overrides);
  const { message } = await acceptMessage(world, {
    channel: 'national',
    kind: 'dossier.sync',
    dossierCode: dossier.dossierCode,
    agencyCode: dossier.agencyCode,
    naturalKey: `version:${dossier.version}`,
    status: dossier.status,
    version: dossier.version,
    payload: dossier,
    traceId: 'trace',
    requiresExistingDossier: false,
    enforceTransitions: true,
  });
  return { dossier, message };
}

/** A dossier a citizen submitted on the portal, as the portal pushes it (read tolerantly). */
export function aNationalPush(overrides: Partial<DossierSubmission> = {}) {
  return inboundNationalDossierSchema.parse(toNationalDossier(aDossier({ channel: 'online', ...overrides })));
}

/** A status change accepted as POST /v1/dossiers/{code}/status accepts it. */
export async function acceptStatusChange(world: GatewayWorld, dossierCode: string, change: StatusChange) {
  const { message } = await acceptMessage(world, {
    channel: 'national',
    kind: 'dossier.status',
    dossierCode,
    agencyCode: H12,
    naturalKey: `event:${change.eventId}`,
    status: change.status,
    payload: change,
    traceId: 'trace',
    requiresExistingDossier: true,
    enforceTransitions: true,
  });
  return message;
}

/**
 * Works a channel's queue as the relay function does: receives in FIFO order, relays, deletes
 * what succeeded. The first failure goes back to its queue and ends the round, as its backoff
 * would. Returns `#<sequence> <outcome>` per message received, the failure as its error code.
 */
export async function relayQueue(world: GatewayWorld, channel: Channel) {
  const queue = world.queues[channel];
  const outcomes: string[] = [];
  for (let received = queue.receive(); received; received = queue.receive()) {
    const { envelope, receiptHandle } = received;
    try {
      outcomes.push(
        `#${envelope.sequence} ${await relayMessage(world, envelope, world.deliverers[channel])}`,
      );
      queue.acknowledge(receiptHandle);
    } catch (error) {
      outcomes.push(`#${envelope.sequence} ${isGatewayError(error) ? error.code : (error as Error).message}`);
      queue.release(receiptHandle);
      break;
    }
  }
  return outcomes;
}

/**
 * A dossier whose first version the portal rejected (error_code 500) and two status changes
 * held behind it: what an administrator finds in the failed-message list.
 */
export async function aParkedDossier(world: GatewayWorld) {
  const { dossier } = await acceptDossier(world);
  await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e1', 'processing', 10));
  await acceptStatusChange(world, dossier.dossierCode, aStatusChange('e2', 'resolved', 60));
  world.portal.failNext(nationalErrorCodes.wrongData);
  await relayQueue(world, 'national');
  const parked = world.queues.national.sent.find((sent) => sent.dossierCode === dossier.dossierCode);
  if (!parked) throw new Error('nothing was queued');
  return { dossier, parkedId: parked.messageId };
}

/** The same port with one operation failing every time: a table throttled, a store down. */
export function failing<Port extends object>(port: Port, operation: keyof Port, message: string): Port {
  return { ...port, [operation]: async () => Promise.reject(new Error(message)) };
}

export const paymentSettings: PaymentSettings = {
  partnerCode: 'LTGW',
  secrets: ['partner-secret-2025'],
  lifetimeSeconds: 15 * 60,
  initiationTimeoutSeconds: 30,
  queryAfterSeconds: 5 * 60,
  queryEverySeconds: 5 * 60,
  relayRecoveryAfterSeconds: 2 * 60,
  callbackClockSkewSeconds: 5 * 60,
};

/** The gateway world with the payment ports: the store, the platform, reports and metrics. */
export function aPaymentWorld(start?: string) {
  return {
    ...aGatewayWorld(start),
    newId: sequentialPaymentIds(),
    payments: createInMemoryPaymentStore(),
    paymentPlatform: createInMemoryPaymentPlatform(),
    paymentSettings,
    reconciliationReports: createInMemoryReconciliationReports(),
    metrics: createInMemoryBusinessMetrics(),
  };
}

export type PaymentWorld = ReturnType<typeof aPaymentWorld>;

/** A dossier accepted, and a payment of its fees created as POST /v1/payments creates it. */
export async function aCreatedPayment(
  world: PaymentWorld,
  options: { request?: Partial<PaymentRequest>; idempotencyKey?: string } = {},
) {
  const { dossier } = await acceptDossier(world);
  const request = aPaymentRequest(dossier.dossierCode, options.request);
  const { payment } = await createPayment(world, {
    request,
    clientId: h12System.clientId,
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    authorize: () => undefined,
  });
  return { dossier, request, payment };
}

/**
 * The platform's callback for a payment, signed with the partner secret as the platform signs
 * it (paid, at the payment's creation, unless `fields` say otherwise).
 */
export function aSignedCallback(
  payment: Payment,
  fields: Record<string, unknown> = {},
): Readonly<Record<string, unknown>> & { readonly MaXacThuc: string } {
  const body: Record<string, unknown> = {
    LoaiBanTin: 'CALLBACK',
    MaLoi: '00',
    MaDoiTac: paymentSettings.partnerCode,
    MaThamChieu: payment.reference,
    SoTien: payment.amount,
    MaTienTe: 'VND',
    MaGiaoDich: `GD-${payment.reference}`,
    MaNganHang: 'VCB',
    ThoiGianGD: toNationalTimestamp(payment.createdAt),
    ThongTinGiaoDich: 'Thanh toan phi le phi',
    ...fields,
  };
  const [secret = ''] = paymentSettings.secrets;
  return { ...body, MaXacThuc: computePaymentChecksum(checksumValues('CALLBACK', body), secret) };
}
