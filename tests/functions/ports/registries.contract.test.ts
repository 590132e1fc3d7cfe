import { describe, expect, it } from 'vitest';
import { createDynamoDbClientRegistry } from '../../../functions/adapters/dynamodb-client-registry';
import { createDynamoDbNonceStore } from '../../../functions/adapters/dynamodb-nonce-store';
import { createDynamoDbProvinceSystems } from '../../../functions/adapters/dynamodb-province-systems';
import { createInMemoryClientRegistry } from '../../../functions/adapters/in-memory/client-registry';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createInMemoryNonceStore } from '../../../functions/adapters/in-memory/nonce-store';
import { createInMemoryProvinceSystems } from '../../../functions/adapters/in-memory/province-systems';
import type { ClientRegistry, RegisteredClient } from '../../../functions/ports/client-registry';
import type { Clock } from '../../../functions/ports/clock';
import type { NonceStore } from '../../../functions/ports/nonce-store';
import type { ProvinceSystem, ProvinceSystems } from '../../../functions/ports/province-systems';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The registries' contracts (clients, provincial systems, nonces), in memory and on DynamoDB (dynalite). */
const table = useGatewayTable();

type Registry = ClientRegistry & { saveClient(client: RegisteredClient): Promise<void> };
const clientRegistries = inMemoryAndDynamoDb<Registry>(
  table,
  () => createInMemoryClientRegistry(),
  ({ documents, tableName }) => createDynamoDbClientRegistry(documents, tableName),
);

describe.each(clientRegistries)('client registry contract: $name', ({ create }) => {
  it('finds a saved client as saved, and no client it never saved', async () => {
    const registry = create();
    const client: RegisteredClient = {
      clientId: 'vendor-a',
      secretHash: 'scrypt$c2FsdA==$aGFzaA==',
      scopes: ['dossiers:write', 'payments:write'],
      agencies: ['*.H12'],
    };
    await registry.saveClient(client);
    await registry.saveClient({ ...client, clientId: 'vendor-b', disabled: true });
    expect(await registry.findClient('vendor-a')).toEqual(client);
    expect(await registry.findClient('vendor-b')).toMatchObject({ disabled: true });
    expect(await registry.findClient('vendor-c')).toBeUndefined();
  });
});

type Systems = ProvinceSystems & { register(system: ProvinceSystem): Promise<void> };
const provinceSystems = inMemoryAndDynamoDb<Systems>(
  table,
  () => createInMemoryProvinceSystems(),
  ({ documents, tableName }) => createDynamoDbProvinceSystems(documents, { tableName, cacheSeconds: 60 }),
);

describe.each(provinceSystems)('province systems contract: $name', ({ create }) => {
  it('routes an agency to the system whose grants cover it, and nowhere when none does', async () => {
    const systems = create();
    await systems.register({
      clientId: 'h12',
      agencies: ['*.H12'],
      webhookUrl: 'https://h12.example.vn/hooks',
    });
    await systems.register({
      clientId: 'g09-unit',
      agencies: ['000.00.00.G09'],
      webhookUrl: 'https://g09.example.vn/hooks',
    });
    expect((await systems.findOwner('000.00.12.H12'))?.clientId).toBe('h12');
    expect((await systems.findOwner('000.00.00.G09'))?.clientId).toBe('g09-unit');
    expect(await systems.findOwner('000.00.12.H29')).toBeUndefined();
  });
});

const nonceStores = inMemoryAndDynamoDb<NonceStore, [Clock]>(
  table,
  (clock) => createInMemoryNonceStore({ clock }),
  ({ documents, tableName }, clock) => createDynamoDbNonceStore(documents, { tableName, clock }),
);

describe.each(nonceStores)('nonce store contract: $name', ({ create }) => {
  it('gives a request id to its first claimer until it expires, and again once released', async () => {
    const clock = createManualClock('2025-03-14T01:00:00.000Z');
    const nonces = create(clock);
    const expiry = new Date('2025-03-14T01:05:00.000Z');
    expect(await nonces.claim('msg_1', expiry)).toBe(true);
    expect(await nonces.claim('msg_1', expiry)).toBe(false);
    clock.set('2025-03-14T01:06:00.000Z');
    expect(await nonces.claim('msg_1', new Date('2025-03-14T01:11:00.000Z'))).toBe(true);
    await nonces.release('msg_1');
    expect(await nonces.claim('msg_1', new Date('2025-03-14T01:11:00.000Z'))).toBe(true);
  });
});
