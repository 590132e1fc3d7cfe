import type { AuditActor } from '../../contracts/admin-api';
import { agencyOfDossierCode } from '../../contracts/codes';
import type { EndpointStatus, WebhookDelivery } from '../../contracts/endpoint-operations';
import type { QueueEnvelope } from '../../contracts/queue-envelope';
import { decideDelivery } from '../core/decide-delivery';
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

/** The bounds these use cases need (topology.endpointOperations says what each means). */
export interface EndpointOperationsSettings {
  readonly pauseRecheckSeconds: number;
  readonly pausedRequeueAfterReceives: number;
  readonly resumeSettleMinutes: number;
  readonly failingAfterMinutes: number;
}

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
  readonly endpointOperations: EndpointOperationsSettings;
}

/** Attempts read to judge a system's health: enough to span a long failing run. */
const HEALTH_WINDOW = 50;

async function systemNamed(deps: EndpointOperationsDependencies, systemId: string): Promise<ProvinceSystem> {
  const system = (await deps.provinceSystems.webhookReceivers()).find(
    (candidate) => candidate.clientId === systemId,
  );
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
  const [systems, { paused }] = await Promise.all([
    deps.provinceSystems.webhookReceivers(),
    deps.endpointPauses.current(),
  ]);
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
  const [{ paused }, recent] = await Promise.all([
    deps.endpointPauses.current(),
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
 * Pauses deliveries to a system: from the next delivery on, its messages wait in their queue,
 * neither attempted nor counted as failures nor parked (see createPauseGate and the relay
 * handler). Audited; pausing a paused system keeps the first pause.
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

/**
 * Lifts a pause: the waiting messages come back within pauseRecheckSeconds and go out in order
 * (a dossier's messages the pause sent round settle within resumeSettleMinutes). Audited.
 */
export async function resumeSystem(
  deps: EndpointOperationsDependencies,
  systemId: string,
  actor: AuditActor,
): Promise<EndpointStatus> {
  await systemNamed(deps, systemId);
  const lifted = await deps.endpointPauses.resume(systemId, deps.clock.now().toISOString());
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

/** What the relay does with a queued message before anything else: deliver it, keep it back, or send it round. */
export type GateVerdict = 'go' | 'hold' | 'goRound';

/** Keeps a queued message back without attempting it; the relay handler asks before each delivery. */
export interface DeliveryGate {
  verdict(envelope: QueueEnvelope): Promise<GateVerdict>;
  readonly recheckSeconds: number;
  readonly requeueAfterReceives: number;
}

/**
 * The pause of province deliveries, one strongly consistent read of the pauses item per message.
 * Only while a system is paused or just resumed are the message, its owner and (after a resume)
 * its dossier's progress looked up too. A paused system's message is held ('hold'); after a
 * resume, one that would wait for a predecessor goes round ('goRound'), so a FIFO group the
 * pause's rounds left out of order sorts itself out instead of blocking behind a waiting head.
 */
export function createPauseGate(
  deps: Pick<
    EndpointOperationsDependencies,
    'endpointPauses' | 'provinceSystems' | 'endpointOperations' | 'clock'
  > & {
    readonly store: Pick<DossierStore, 'getMessage' | 'getDeliveryProgress'>;
  },
): DeliveryGate {
  const settleMs = deps.endpointOperations.resumeSettleMinutes * 60_000;
  return {
    recheckSeconds: deps.endpointOperations.pauseRecheckSeconds,
    requeueAfterReceives: deps.endpointOperations.pausedRequeueAfterReceives,
    async verdict(envelope) {
      const { paused, resumedAt } = await deps.endpointPauses.current();
      const now = deps.clock.now().getTime();
      const settling = (systemId: string) => {
        const at = resumedAt.get(systemId);
        return at !== undefined && now - Date.parse(at) < settleMs;
      };
      if (paused.size === 0 && ![...resumedAt.keys()].some(settling)) return 'go';
      const message = await deps.store.getMessage(envelope.channel, envelope.dossierCode, envelope.sequence);
      const owner = await deps.provinceSystems.findOwner(
        message?.agencyCode ?? agencyOfDossierCode(envelope.dossierCode),
      );
      if (!owner) return 'go';
      if (paused.has(owner.clientId)) return 'hold';
      if (!settling(owner.clientId)) return 'go';
      const progress = await deps.store.getDeliveryProgress(envelope.channel, envelope.dossierCode);
      return decideDelivery(progress, envelope.sequence) === 'wait' ? 'goRound' : 'go';
    },
  };
}
