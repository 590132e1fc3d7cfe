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
