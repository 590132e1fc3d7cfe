import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryClientRegistry } from '../../../functions/adapters/in-memory/client-registry';
import { authenticateClient } from '../../../functions/application/authenticate-client';
import { hashClientSecret } from '../../../functions/core/client-secret';
import type { ClientRegistry } from '../../../functions/ports/client-registry';

/** POST /oauth/token's client check: one answer for every way of failing it. */

let clients: ClientRegistry;

beforeAll(async () => {
  const secretHash = await hashClientSecret('correct horse battery staple');
  clients = createInMemoryClientRegistry([
    { clientId: 'hanoi-one-stop', secretHash, scopes: ['dossiers:write'], agencies: ['*.H12'] },
    {
      clientId: 'retired-vendor',
      secretHash,
      scopes: ['dossiers:write'],
      agencies: ['*.H12'],
      disabled: true,
    },
  ]);
});

/** The refusal's code and message, or 'accepted'. */
const answerFor = (clientId: string, secret: string) =>
  authenticateClient(clients, clientId, secret).then(
    () => 'accepted',
    (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
  );

describe('authenticating a client', () => {
  it('accepts a registered client with its secret and returns its grants', async () => {
    const client = await authenticateClient(clients, 'hanoi-one-stop', 'correct horse battery staple');

    expect(client).toMatchObject({ clientId: 'hanoi-one-stop', agencies: ['*.H12'] });
  });

  it('gives a wrong secret, an unknown client and a disabled one the same answer', async () => {
    const answers = await Promise.all([
      answerFor('hanoi-one-stop', 'wrong'),
      answerFor('nobody', 'correct horse battery staple'),
      answerFor('retired-vendor', 'correct horse battery staple'),
    ]);

    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^auth\.invalidClient: /);
  });
});
