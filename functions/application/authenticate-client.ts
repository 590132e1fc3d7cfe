import { verifyClientSecret } from '../core/client-secret';
import { GatewayError } from '../core/gateway-error';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';

/**
 * Checks a client's credentials. One answer for an unknown client, a disabled one and a wrong
 * secret, so the answer reveals nothing about which client ids exist.
 */
export async function authenticateClient(
  clients: ClientRegistry,
  clientId: string,
  secret: string,
): Promise<RegisteredClient> {
  const client = await clients.findClient(clientId);
  const secretMatches = client ? await verifyClientSecret(secret, client.secretHash) : false;
  if (!client || client.disabled || !secretMatches) {
    throw new GatewayError(
      'auth.invalidClient',
      'Sai client_id hoặc client_secret / Unknown client or wrong secret',
      {
        details: { error: 'invalid_client', error_description: 'client authentication failed' },
      },
    );
  }
  return client;
}
