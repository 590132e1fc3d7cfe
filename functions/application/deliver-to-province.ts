import { webhookEventSchema } from '../../contracts/webhooks';
import { GatewayError } from '../core/gateway-error';
import type { ProvinceSystems, WebhookSender } from '../ports/province-systems';
import type { Deliverer } from './relay-message';

/** Province-bound messages go as signed webhooks to the system that owns the dossier's agency. */
/**
 * No look-up before a resend: Standard Webhooks receivers deduplicate by webhook-id, which is
 * the stable message id, so a copy after a crash is recognised at the receiver.
 */
export function createProvinceDeliverer(systems: ProvinceSystems, sender: WebhookSender): Deliverer {
  const deliver: Deliverer['deliver'] = async (message) => {
    const system = await systems.findOwner(message.agencyCode);
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
    const receipt = await sender.send(system, event);
    return {
      detail: `webhook ${event.type} to ${system.clientId} answered HTTP ${receipt.status}`,
      progress: {},
    };
  };
  return { deliver };
}
