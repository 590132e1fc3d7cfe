import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import type { ItemWrite } from '../../functions/adapters/in-memory/dossier-store';
import { localName, provisionTables } from '../../infra/local/provision';
import { startTestEmulators, type TestEmulators } from './emulators';

export interface TestTable {
  readonly tableName: string;
  readonly documents: DynamoDBDocumentClient;
  readonly emulators: TestEmulators;
  /** A client that calls `afterWrite` once each write of a dossier item has landed. */
  probed(afterWrite: (write: ItemWrite) => Promise<void> | void): DynamoDBDocumentClient;
}

/** The low-level commands the document client's writes become (the middleware sees these, marshalled). */
const writes = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
const kinds: [string, ItemWrite['kind']][] = [
  ['MSG#', 'message'],
  ['PROGRESS#', 'progress'],
  ['FAILED', 'failed'],
];

/**
 * The gateway table in a fresh dynalite for one test file: started before its tests, closed
 * after. `probed` lets a test act between two writes of one store operation, as the in-memory
 * store's `afterWrite` does.
 */
export function useGatewayTable(): () => TestTable {
  let table: TestTable | undefined;
  beforeAll(async () => {
    const emulators = await startTestEmulators();
    await provisionTables(emulators.dynamodb, 'test');
    table = {
      tableName: localName('test', gatewayTable.name),
      documents: emulators.documents,
      emulators,
      probed(afterWrite) {
        // A client of its own: a document client shares its base client's middleware stack.
        const client = DynamoDBDocumentClient.from(emulators.newDynamoDbClient(), {
          marshallOptions: { removeUndefinedValues: true },
        });
        client.middlewareStack.add(
          (next, context) => async (args) => {
            const output = await next(args);
            if (writes.has(context.commandName ?? '')) {
              const input = args.input as {
                Key?: { pk?: string; sk?: string };
                Item?: { pk?: string; sk?: string };
              };
              const key = input.Key ?? input.Item ?? {};
              const kind = kinds.find(([prefix]) => key.sk?.startsWith(prefix))?.[1];
              if (kind) await afterWrite({ kind, dossierCode: key.pk?.replace(/^DOSSIER#/, '') ?? '' });
            }
            return output;
          },
          { step: 'initialize' },
        );
        return client;
      },
    };
  });
  afterAll(() => table?.emulators.close());
  return () => {
    if (!table) throw new Error('the gateway table is used before its beforeAll ran');
    return table;
  };
}
