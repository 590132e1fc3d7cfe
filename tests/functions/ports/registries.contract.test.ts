import { describe, expect, it } from 'vitest';
import { createDynamoDbClientRegistry } from '../../../functions/adapters/dynamodb-client-registry';
import { createDynamoDbConnectedSystems } from '../../../functions/adapters/dynamodb-connected-systems';
import { createDynamoDbNonceStore } from '../../../functions/adapters/dynamodb-nonce-store';
import { createInMemoryClientRegistry } from '../../../functions/adapters/in-memory/client-registry';
import { createInMemoryConnectedSystems } from '../../../functions/adapters/in-memory/connected-systems';
import { createManualClock } from '../../../functions/adapters/in-memory/manual-clock';
import { createInMemoryNonceStore } from '../../../functions/adapters/in-memory/nonce-store';
import type { ClientRegistry, RegisteredClient } from '../../../functions/ports/client-registry';
import type { Clock } from '../../../functions/ports/clock';
import type { ConnectedSystem, ConnectedSystems } from '../../../functions/ports/connected-systems';
import type { NonceStore } from '../../../functions/ports/nonce-store';
import type { ProvinceSystems } from '../../../functions/ports/province-systems';
import { useGatewayTable } from '../../support/dynamodb-table';
import { inMemoryAndDynamoDb } from '../../support/port-contracts';

/** The registries' contracts (clients, connected systems, nonces), in memory and on DynamoDB (dynalite). */
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

type Systems = ConnectedSystems & ProvinceSystems;
/** Each store with the client registry its saves write the API client to. */
const connectedSystemStores: { name: string; create: () => { systems: Systems; clients: ClientRegistry } }[] =
  [
    {
      name: 'in memory',
      create: () => {
        const clients = createInMemoryClientRegistry();
        return { systems: createInMemoryConnectedSystems(clients), clients };
      },
    },
    {
      name: 'DynamoDB (dynalite)',
      create: () => ({
        systems: createDynamoDbConnectedSystems(table().documents, {
          tableName: table().tableName,
          cacheSeconds: 60,
        }),
        clients: createDynamoDbClientRegistry(table().documents, table().tableName),
      }),
    },
  ];

const at = '2026-12-02T08:00:00.000Z';
function aSystem(
  clientId: string,
  agencies: string[],
  changes: Partial<ConnectedSystem> = {},
): ConnectedSystem {
  return {
    clientId,
    name: `System ${clientId}`,
    kind: 'province',
    agencies,
    scopes: ['dossiers:write'],
    webhookUrl: `https://${clientId}.example.vn/hooks`,
    disabled: false,
    createdAt: at,
    updatedAt: at,
    webhookSecrets: [{ sealed: `sealed-${clientId}` }],
    ...changes,
  };
}
const clientOf = (system: ConnectedSystem): RegisteredClient => ({
  clientId: system.clientId,
  secretHash: 'scrypt$c2FsdA==$aGFzaA==',
  scopes: [...system.scopes],
  agencies: [...system.agencies],
  disabled: system.disabled,
});
const saveNew = (systems: Systems, system: ConnectedSystem) =>
  systems.save(system, clientOf(system), { absent: true });

describe.each(connectedSystemStores)('connected systems contract: $name', ({ create }) => {
  it('routes an agency to the enabled system whose grants cover it, and nowhere when none does', async () => {
    const { systems } = create();
    await saveNew(systems, aSystem('h12', ['*.H12']));
    await saveNew(systems, aSystem('g09-unit', ['000.00.00.G09']));
    await saveNew(systems, aSystem('h29-off', ['*.H29'], { disabled: true }));
    await saveNew(
      systems,
      aSystem('portal', [], { kind: 'national', scopes: ['national:push'], webhookSecrets: [] }),
    );
    expect(await systems.findOwner('000.00.12.H12')).toEqual({
      clientId: 'h12',
      agencies: ['*.H12'],
      webhookUrl: 'https://h12.example.vn/hooks',
      webhookSecrets: [{ sealed: 'sealed-h12' }],
    });
    expect((await systems.findOwner('000.00.00.G09'))?.clientId).toBe('g09-unit');
    expect(await systems.findOwner('000.00.12.H29')).toBeUndefined();
    expect((await systems.list()).map((system) => system.clientId).sort()).toEqual(
      ['g09-unit', 'h12', 'h29-off', 'portal'].sort(),
    );
  });

  it('saves a system and its API client together, and refuses a taken id or a stale change', async () => {
    const { systems, clients } = create();
    const system = aSystem('vendor-a', ['*.H12']);
    await saveNew(systems, system);
    expect(await systems.find('vendor-a')).toEqual(system);
    expect(await clients.findClient('vendor-a')).toEqual(clientOf(system));
    await expect(saveNew(systems, { ...system, name: 'Another' })).rejects.toMatchObject({
      code: 'system.exists',
    });
    const changed = { ...system, disabled: true, updatedAt: '2026-12-02T09:00:00.000Z' };
    await systems.save(changed, clientOf(changed), { updatedAt: at });
    expect(await clients.findClient('vendor-a')).toMatchObject({ disabled: true });
    await expect(systems.save(changed, clientOf(changed), { updatedAt: at })).rejects.toMatchObject({
      code: 'system.changed',
    });
    expect(await systems.find('vendor-b')).toBeUndefined();
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
