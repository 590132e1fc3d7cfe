import type { Clock } from '../ports/clock';
import type { SecretSealer } from '../ports/connected-systems';
import type { ProvinceSystem } from '../ports/province-systems';

/**
 * The secrets a webhook to `system` is signed with, current first: a registered system's sealed
 * ones, opened, with a previous one while its rotation overlaps (Standard Webhooks carries each
 * signature, space-separated); a system of before registration takes its secrets from the
 * gateway's configuration (`configured`). A sealed value always opens to the same secret, so
 * each one is opened once per instance, not once per delivery (KMS is a network call).
 */
export function createWebhookSigningSecrets(
  deps: { readonly sealer: SecretSealer; readonly clock: Clock },
  configured: (clientId: string) => readonly string[],
): (system: ProvinceSystem) => Promise<readonly string[]> {
  const opened = new Map<string, Promise<string>>();
  const open = (sealed: string, clientId: string) => {
    const key = `${clientId}\n${sealed}`;
    let secret = opened.get(key);
    if (!secret) {
      secret = deps.sealer.unseal(sealed, clientId);
      opened.set(key, secret);
      secret.catch(() => opened.delete(key));
    }
    return secret;
  };
  return async (system) => {
    if (!system.webhookSecrets?.length) return configured(system.clientId);
    const now = deps.clock.now().getTime();
    const live = system.webhookSecrets.filter(
      (secret) => secret.validUntil === undefined || Date.parse(secret.validUntil) > now,
    );
    return Promise.all(live.map((secret) => open(secret.sealed, system.clientId)));
  };
}
