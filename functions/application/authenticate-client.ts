import { randomBytes } from 'node:crypto';
import { verifyClientSecret } from '../core/client-secret';
import { GatewayError } from '../core/gateway-error';
import type { ClientRegistry, RegisteredClient } from '../ports/client-registry';
import { type Clock, systemClock } from '../ports/clock';

/** A well-formed hash of no secret anyone knows (random key bytes): verifying against it always fails. */
const DECOY_HASH = `scrypt$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

/** During a rotation's overlap the previous secret works too (DESIGN.md "Operating the gateway"). */
async function matchesPrevious(client: RegisteredClient, secret: string, clock: Clock): Promise<boolean> {
  const previous = client.previousSecret;
  if (!previous || clock.now().getTime() >= Date.parse(previous.validUntil)) return false;
  return verifyClientSecret(secret, previous.secretHash);
}

/**
 * Checks a client's credentials. One answer for an unknown client, a disabled one and a wrong
 * secret, so the answer reveals nothing about which client ids exist.
 */
export async function authenticateClient(
  clients: ClientRegistry,
  clientId: string,
  secret: string,
  clock: Clock = systemClock,
): Promise<RegisteredClient> {
  const client = await clients.findClient(clientId);
  // An unknown client costs the same scrypt as a known one: the answer's timing is no oracle either.
  const secretMatches =
    (await verifyClientSecret(secret, client?.secretHash ?? DECOY_HASH)) ||
    (client !== undefined && (await matchesPrevious(client, secret, clock)));
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
