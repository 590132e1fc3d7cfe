import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { coalesceItemRequests } from '../../../../functions/adapters/dynamodb/coalesced-item-requests';
import { itemKeys } from '../../../../functions/adapters/dynamodb/gateway-table';
import { createDynamoDbDossierStore } from '../../../../functions/adapters/dynamodb-dossier-store';
import { topology } from '../../../../infra/topology';
import { useGatewayTable } from '../../../support/dynamodb-table';
import { aStoredMessage } from '../../../support/fixtures';

const table = useGatewayTable();

/** A client of its own whose every request is named, in order, as DynamoDB sees it. */
function recordedClient() {
  const sent: string[] = [];
  const client = DynamoDBDocumentClient.from(table().emulators.newDynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push((context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize' },
  );
  return {
    client,
    sent,
    batched: coalesceItemRequests(client, table().tableName),
    lingering: (writeLingerMs: number) => coalesceItemRequests(client, table().tableName, { writeLingerMs }),
  };
}

const key = (name: string) => ({ pk: `COALESCE#${name}`, sk: 'ITEM' });

describe('coalesced item requests', () => {
  beforeAll(async () => {
    for (const name of ['a', 'b', 'c']) {
      await table().documents.send(
        new PutCommand({ TableName: table().tableName, Item: { ...key(name), value: name } }),
      );
    }
  });

  it('reads what is asked in the same turn in one BatchGetItem, and answers each caller its own item', async () => {
    const { batched, sent } = recordedClient();
    const read = (name: string) =>
      batched.send(new GetCommand({ TableName: table().tableName, Key: key(name), ConsistentRead: true }));

    const [a, b, missing, again] = await Promise.all([read('a'), read('b'), read('none'), read('a')]);

    expect(sent).toEqual(['BatchGetItem']);
    expect(a.Item?.value).toBe('a');
    expect(b.Item?.value).toBe('b');
    expect(missing.Item).toBeUndefined();
    expect(again.Item?.value).toBe('a');
  });

  it('writes plain Puts of the same turn in one BatchWriteItem, a repeated item last as its last caller wrote it', async () => {
    const { batched, sent } = recordedClient();
    const put = (name: string, value: string) =>
      batched.send(new PutCommand({ TableName: table().tableName, Item: { ...key(name), value } }));

    await Promise.all([put('p', 'first'), put('q', 'q'), put('p', 'second')]);

    expect(sent).toEqual(['BatchWriteItem', 'BatchWriteItem']);
    const { Item } = await table().documents.send(
      new GetCommand({ TableName: table().tableName, Key: key('p'), ConsistentRead: true }),
    );
    expect(Item?.value).toBe('second');
  });

  it('lets a Put wait up to its linger for Puts of later turns, and no longer', async () => {
    const { lingering, sent } = recordedClient();
    const batched = lingering(200);
    const put = (name: string) =>
      batched.send(new PutCommand({ TableName: table().tableName, Item: { ...key(name), value: name } }));

    const started = performance.now();
    const first = put('l1');
    await new Promise((done) => setTimeout(done, 5));
    await Promise.all([first, put('l2')]);
    const alone = performance.now();
    await put('l3');

    expect(sent).toEqual(['BatchWriteItem', 'PutItem']);
    // The first waited for its linger, and the lone one no longer than its own.
    expect(alone - started).toBeGreaterThanOrEqual(199);
    expect(performance.now() - alone).toBeLessThan(1000);
  });

  it('sends a full BatchWriteItem at once, without waiting for its linger', async () => {
    const { lingering, sent } = recordedClient();
    const batched = lingering(60_000);
    const names = Array.from({ length: 25 }, (_, index) => `full-${index}`);

    await Promise.all(
      names.map((name) =>
        batched.send(new PutCommand({ TableName: table().tableName, Item: { ...key(name), value: name } })),
      ),
    );

    expect(sent).toEqual(['BatchWriteItem']);
  });

  it('sends a lone request, a conditional write, an update and an eventually consistent read as themselves', async () => {
    const { batched, sent } = recordedClient();
    const TableName = table().tableName;

    await batched.send(new GetCommand({ TableName, Key: key('c'), ConsistentRead: true }));
    await Promise.all([
      batched.send(new GetCommand({ TableName, Key: key('a') })),
      batched.send(
        new PutCommand({
          TableName,
          Item: { ...key('r'), value: 'r' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
      batched.send(
        new UpdateCommand({
          TableName,
          Key: key('c'),
          UpdateExpression: 'SET touched = :yes',
          ExpressionAttributeValues: { ':yes': true },
        }),
      ),
    ]);

    expect(sent).toEqual(['GetItem', 'GetItem', 'PutItem', 'UpdateItem']);
  });

  it('keeps attributes it does not know when the relay marks a message delivered (items written by other code)', async () => {
    const store = createDynamoDbDossierStore(coalesceItemRequests(table().documents, table().tableName), {
      tableName: table().tableName,
      pendingShards: topology.outbox.pendingShards,
    });
    const code = '000.00.12.H12-250314-0901';
    await store.appendMessage(aStoredMessage(code, 1));
    // An attribute a later (or another helper's) version of the gateway writes on message items.
    await table().documents.send(
      new UpdateCommand({
        TableName: table().tableName,
        Key: itemKeys.message(code, 'national', 1),
        UpdateExpression: 'SET futureAttribute = :value',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':value': 'kept' },
      }),
    );
    const read = await store.getMessage('national', code, 1);
    if (!read) throw new Error('the message was not stored');

    await store.recordDelivery(
      read,
      { at: '2025-03-14T02:00:00.000Z', outcome: 'delivered', latencyMs: 5, detail: 'ok' },
      {},
    );

    const { Item } = await table().documents.send(
      new GetCommand({
        TableName: table().tableName,
        Key: itemKeys.message(code, 'national', 1),
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({ state: 'delivered', futureAttribute: 'kept' });
    expect(Item?.pendingShard).toBeUndefined();
  });
});
