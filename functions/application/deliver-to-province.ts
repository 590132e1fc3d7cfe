import type { WebhookDelivery } from '../../contracts/endpoint-operations';
import { type WebhookEvent, type WebhookPing, webhookEventSchema } from '../../contracts/webhooks';
import type { StoredMessage } from '../core/dossier-message';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import { classifyFailure } from '../core/retry-policy';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { DeliveryLog } from '../ports/endpoint-operations';
import type { Logger } from '../ports/logger';
import type { ProvinceSystem, ProvinceSystems, WebhookSender } from '../ports/province-systems';
import type { Deliverer, DeliveryContext } from './relay-message';

export interface ProvinceDeliveryDependencies {
  readonly provinceSystems: ProvinceSystems;
  readonly webhooks: WebhookSender;
  readonly deliveryLog: DeliveryLog;
  readonly store: Pick<DossierStore, 'listHistory'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

type AttemptFacts = Pick<WebhookDelivery, 'eventType' | 'messageId' | 'attempt'> & {
  readonly dossierCode?: string;
};

/**
 * Sends one event and writes the attempt to the system's delivery log (one item per attempt),
 * whatever came of it; the sender's answer or error is passed on unchanged. A log that cannot be
 * written costs a warning, never the delivery: the message's own record is the dossier store's.
 */
export async function sendAndLog(
  deps: Pick<ProvinceDeliveryDependencies, 'webhooks' | 'deliveryLog' | 'clock' | 'logger'>,
  system: ProvinceSystem,
  event: WebhookEvent | WebhookPing,
  facts: AttemptFacts,
): Promise<{ status: number; latencyMs: number }> {
  const startedAt = deps.clock.now();
  const log = async (outcome: WebhookDelivery['outcome'], detail: string, httpStatus?: number) => {
    const at = deps.clock.now();
    const latencyMs = Math.max(0, at.getTime() - startedAt.getTime());
    await deps.deliveryLog
      .record({
        systemId: system.clientId,
        at: startedAt.toISOString(),
        ...facts,
        ...(httpStatus === undefined ? {} : { httpStatus }),
        latencyMs,
        outcome,
        detail,
      })
      .catch((error: unknown) =>
        deps.logger.warn('delivery log not written', {
          systemId: system.clientId,
          error: (error as Error).message,
        }),
      );
    return latencyMs;
  };
  try {
    const receipt = await deps.webhooks.send(system, event);
    const latencyMs = await log('delivered', `answered HTTP ${receipt.status}`, receipt.status);
    return { status: receipt.status, latencyMs };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const status = isGatewayError(failure) ? failure.details.httpStatus : undefined;
    await log(
      classifyFailure(failure).retry ? 'failed' : 'rejected',
      failure.message,
      typeof status === 'number' ? status : undefined,
    );
    throw failure;
  }
}

/**
 * This delivery's attempt number: 1 unless an earlier one may have happened (the relay says the
 * delivery is uncertain), then one more than the failed attempts the store holds for the message.
 * Only retries pay for the read.
 */
async function attemptNumber(
  deps: Pick<ProvinceDeliveryDependencies, 'store'>,
  message: StoredMessage,
  context: DeliveryContext,
): Promise<number> {
  if (!context.uncertain) return 1;
  const history = await deps.store.listHistory(message.channel, message.dossierCode);
  const attempts = history.find((stored) => stored.sequence === message.sequence)?.attempts ?? [];
  return attempts.filter((attempt) => attempt.outcome === 'failed').length + 1;
}

/**
 * Province-bound messages go as signed webhooks to the system that owns the dossier's agency.
 * No look-up before a resend: Standard Webhooks receivers deduplicate by webhook-id, which is
 * the stable message id, so a copy after a crash is recognised at the receiver.
 */
export function createProvinceDeliverer(deps: ProvinceDeliveryDependencies): Deliverer {
  const deliver: Deliverer['deliver'] = async (message, _progress, context) => {
    const system = await deps.provinceSystems.findOwner(message.agencyCode);
    if (!system) {
      throw new GatewayError(
        'province.rejected',
        `no provincial system is registered for agency ${message.agencyCode}`,
      );
    }
    const event = webhookEventSchema.parse({
      id: message.messageId,
      type: message.kind,
      createdAt: message.acceptedAt,
      data: message.payload,
    });
    const receipt = await sendAndLog(deps, system, event, {
      eventType: event.type,
      messageId: event.id,
      dossierCode: message.dossierCode,
      attempt: await attemptNumber(deps, message, context),
    });
    return {
      detail: `webhook ${event.type} to ${system.clientId} answered HTTP ${receipt.status}`,
      progress: {},
    };
  };
  return { deliver };
}
