import { createDynamoDbDossierStore } from '../../functions/adapters/dynamodb-dossier-store';
import {
  createInMemoryDossierItems,
  type InMemoryDossierItems,
} from '../../functions/adapters/in-memory/dossier-items';
import { createInMemoryDossierStore } from '../../functions/adapters/in-memory/dossier-store';
import type { DossierStore } from '../../functions/ports/dossier-store';
import type { TestTable } from './dynamodb-table';

/** One implementation of a port under a contract suite: its name in the report, and a fresh one. */
export interface Implementation<T, Args extends unknown[] = []> {
  readonly name: string;
  readonly create: (...args: Args) => T;
}

/**
 * A port's in-memory implementation beside its DynamoDB adapter on the test's dynalite table
 * (ADR 0002): the cases of a contract suite run against both, so the fake the use-case tests
 * rely on behaves as the adapter does.
 */
export function inMemoryAndDynamoDb<T, Args extends unknown[] = []>(
  table: () => TestTable,
  inMemory: (...args: Args) => T,
  dynamodb: (table: TestTable, ...args: Args) => T,
): Implementation<T, Args>[] {
  return [
    { name: 'in memory', create: inMemory },
    { name: 'DynamoDB (dynalite)', create: (...args) => dynamodb(table(), ...args) },
  ];
}

/**
 * A port that reads what the dossier store writes (the deadline watch, the drift sample), each
 * implementation beside a dossier store over the same items: shared in memory, one dynalite table.
 */
export function besideADossierStore<Reader>(
  table: () => TestTable,
  reader: {
    readonly inMemory: (items: InMemoryDossierItems) => Reader;
    readonly dynamodb: (table: TestTable) => Reader;
  },
  pendingShards: number,
): Implementation<{ store: DossierStore; reader: Reader }>[] {
  return inMemoryAndDynamoDb(
    table,
    () => {
      const items = createInMemoryDossierItems();
      return { store: createInMemoryDossierStore({ items }), reader: reader.inMemory(items) };
    },
    (testTable) => ({
      store: createDynamoDbDossierStore(testTable.documents, {
        tableName: testTable.tableName,
        pendingShards,
      }),
      reader: reader.dynamodb(testTable),
    }),
  );
}
