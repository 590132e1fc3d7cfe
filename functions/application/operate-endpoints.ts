import type { AuditActor } from '../../contracts/admin-api';
import { agencyOfDossierCode } from '../../contracts/codes';
import type { EndpointStatus, WebhookDelivery } from '../../contracts/endpoint-operations';
import type { QueueEnvelope } from '../../contracts/queue-envelope';
import type { EndpointOperationsSpec } from '../../infra/topology';
import { endpointHealthOf } from '../core/endpoint-health';
import { GatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { DeliveryLog, DeliveryLogEntry, EndpointPauses } from '../ports/endpoint-operations';
import type { Logger } from '../ports/logger';
import type { ProvinceSystem, ProvinceSystems, WebhookSender } from '../ports/province-systems';
import { describeActor } from './audit-actor';
import { sendAndLog } from './deliver-to-province';

/** Operating connected systems' webhook endpoints (issue 19): test events, delivery log, pause. */
export interface EndpointOperationsDependencies {
  readonly provinceSystems: ProvinceSystems;
  readonly webhooks: WebhookSender;
  readonly deliveryLog: DeliveryLog;
  readonly endpointPauses: EndpointPauses;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  readonly endpointOperations: EndpointOperationsSpec;
}

/** Attempts read to judge a system's health: enough to span a long failing run. */
const HEALTH_WINDOW = 50;

async function systemNamed(deps: EndpointOperationsDependencies, systemId: string): Promise<ProvinceSystem> {
  const system = (await deps.provinceSystems.list()).find((candidate) => candidate.clientId === systemId);
  if (!system) {
    throw new GatewayError(
      'system.notFound',
      `Không có hệ thống kết nối ${systemId} / No connected system ${systemId}`,
    );
  }
  return system;
}

function statusOf(
  deps: EndpointOperationsDependencies,
  system: ProvinceSystem,
  paused: EndpointStatus['paused'],
  recent: readonly DeliveryLogEntry[],
): EndpointStatus {
  return {
    systemId: system.clientId,
    webhookUrl: system.webhookUrl,
    paused,
    health: endpointHealthOf(recent, deps.clock.now(), deps.endpointOperations.failingAfterMinutes),
  };
}

/** Every system's endpoint as the dashboard shows it: paused or not, failing or not. */
export async function endpointOverview(deps: EndpointOperationsDependencies): Promise<EndpointStatus[]> {
  const [systems, paused] = await Promise.all([deps.provinceSystems.list(), deps.endpointPauses.paused()]);
  return Promise.all(
    systems.map(async (system) =>
      statusOf(
        deps,
        system,
        paused.get(system.clientId) ?? null,
        await deps.deliveryLog.recent(system.clientId, HEALTH_WINDOW),
      ),
    ),
  );
}

/** A system's recent webhook attempts, newest first, with its pause and health. */
export async function listDeliveries(
  deps: EndpointOperationsDependencies,
  systemId: string,
  limit: number,
): Promise<EndpointStatus & { items: WebhookDelivery[] }> {
  const system = await systemNamed(deps, systemId);
  const [paused, recent] = await Promise.all([
    deps.endpointPauses.paused(),
    deps.deliveryLog.recent(systemId, Math.max(limit, HEALTH_WINDOW)),
  ]);
  return {
    ...statusOf(deps, system, paused.get(systemId) ?? null, recent),
    items: recent.slice(0, limit).map(({ systemId: _, ...delivery }) => delivery),
  };
}

/**
 * Sends a signed `ping` to the system's endpoint now, through the same sender (and circuit
 * breaker) as deliveries, and answers how the endpoint took it: a failing endpoint is an answer,
 * not an error. Logged like any attempt (the health hint leaves pings out) and audited.
 */
export async function sendTestEvent(
  deps: EndpointOperationsDependencies,
  systemId: string,
  actor: AuditActor,
): Promise<{
  status: number | null;
  latencyMs: number;
  outcome: WebhookDelivery['outcome'];
  error?: string;
}> {
  const system = await systemNamed(deps, systemId);
  const id = `ping-${deps.newId()}`;
  const event = {
    id,
    type: 'ping' as const,
    createdAt: deps.clock.now().toISOString(),
    data: { systemId, message: `Sự kiện thử do ${describeActor(actor)} gửi / Test event` },
  };
  const startedAt = deps.clock.now().getTime();
  let result: Awaited<ReturnType<typeof sendTestEvent>>;
  try {
    const receipt = await sendAndLog(deps, system, event, { eventType: 'ping', messageId: id, attempt: 1 });
    result = { status: receipt.status, latencyMs: receipt.latencyMs, outcome: 'delivered' };
  } catch (error) {
    const failure = error instanceof GatewayError ? error : undefined;
    const status = failure?.details.httpStatus;
    result = {
      status: typeof status === 'number' ? status : null,
      latencyMs: Math.max(0, deps.clock.now().getTime() - startedAt),
      outcome: failure?.code === 'province.rejected' ? 'rejected' : 'failed',
      error: (error as Error).message,
    };
  }
  await deps.audit.record({
    actor,
    action: 'system.webhookTest',
    target: systemId,
    after: { eventId: id, status: result.status, outcome: result.outcome, latencyMs: result.latencyMs },
  });
  return result;
}

/**
 * Pauses deliveries to a system: from the next delivery on, its messages wait in their queue, in
 * order, neither attempted nor counted as failures nor parked (see createPauseGate). Audited;
 * pausing a paused system keeps the first pause.
 */
export async function pauseSystem(
  deps: EndpointOperationsDependencies,
  systemId: string,
  actor: AuditActor,
): Promise<EndpointStatus> {
  await systemNamed(deps, systemId);
  const pause = { since: deps.clock.now().toISOString(), by: describeActor(actor) };
  if (await deps.endpointPauses.pause(systemId, pause)) {
    await deps.audit.record({ actor, action: 'system.pause', target: systemId, before: null, after: pause });
  }
  return statusNow(deps, systemId);
}

async function statusNow(deps: EndpointOperationsDependencies, systemId: string): Promise<EndpointStatus> {
  const { items: _, ...status } = await listDeliveries(deps, systemId, 1);
  return status;
}

/** Lifts a pause: the waiting messages come back within pauseRecheckSeconds and go out in order. */
export async function resumeSystem(
  deps: EndpointOperationsDependencies,
  systemId: string,
  actor: AuditActor,
): Promise<EndpointStatus> {
  await systemNamed(deps, systemId);
  const lifted = await deps.endpointPauses.resume(systemId);
  if (lifted) {
    await deps.audit.record({
      actor,
      action: 'system.resume',
      target: systemId,
      before: lifted,
      after: null,
    });
  }
  return statusNow(deps, systemId);
}

/** Keeps a queued message back without attempting it; the relay handler asks before each delivery. */
export interface DeliveryGate {
  /** Why the message must wait, or undefined when it may go. */
  heldBack(envelope: QueueEnvelope): Promise<string | undefined>;
  readonly recheckSeconds: number;
  readonly requeueAfterReceives: number;
}

/**
 * The pause of province deliveries: one strongly consistent read of the pauses item per message;
 * only while some system is paused, the message and its owner are looked up too.
 */
export function createPauseGate(
  deps: Pick<EndpointOperationsDependencies, 'endpointPauses' | 'provinceSystems' | 'endpointOperations'> & {
    readonly store: Pick<DossierStore, 'getMessage'>;
  },
): DeliveryGate {
  return {
    recheckSeconds: deps.endpointOperations.pauseRecheckSeconds,
    requeueAfterReceives: deps.endpointOperations.pausedRequeueAfterReceives,
    async heldBack(envelope) {
      const paused = await deps.endpointPauses.paused();
      if (paused.size === 0) return undefined;
      const message = await deps.store.getMessage(envelope.channel, envelope.dossierCode, envelope.sequence);
      const owner = await deps.provinceSystems.findOwner(
        message?.agencyCode ?? agencyOfDossierCode(envelope.dossierCode),
      );
      return owner && paused.has(owner.clientId) ? `deliveries to ${owner.clientId} are paused` : undefined;
    },
  };
}
