import type { WebhookEvent, WebhookPing } from '../../contracts/webhooks';
import type { SealedWebhookSecret } from './connected-systems';

/** A provincial one-stop system registered to receive the gateway's webhooks. */
export interface ProvinceSystem {
  readonly clientId: string;
  /** Agencies it owns: exact codes or suffix grants such as *.H12. */
  readonly agencies: readonly string[];
  readonly webhookUrl: string;
  /** Its signing secrets, sealed, when it was registered as a connected system (issue 19). */
  readonly webhookSecrets?: readonly SealedWebhookSecret[];
}

export interface ProvinceSystems {
  /** The system that owns an agency code, if one is registered. */
  findOwner(agencyCode: string): Promise<ProvinceSystem | undefined>;
  /** Every system webhooks go to (enabled, with an address): a handful, one per province vendor. */
  webhookReceivers(): Promise<readonly ProvinceSystem[]>;
}

export interface WebhookReceipt {
  readonly status: number;
}

/**
 * Sends one signed event. Throws GatewayError 'province.transient' (retry) or
 * 'province.rejected' (park).
 */
export interface WebhookSender {
  send(system: ProvinceSystem, event: WebhookEvent | WebhookPing): Promise<WebhookReceipt>;
}
