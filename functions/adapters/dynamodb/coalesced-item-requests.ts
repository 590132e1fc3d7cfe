import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  PutCommand,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { gatewayTable } from './gateway-table';

/** DynamoDB's own bounds on one BatchGetItem and one BatchWriteItem. */
const MAX_KEYS_PER_GET = 100;
const MAX_ITEMS_PER_WRITE = 25;
/** Unprocessed keys or items (throttling) are asked for again this many times, then fail their callers. */
const MAX_ROUNDS = 6;

type Item = Record<string, unknown>;
interface Waiting<Result> {
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}
interface WaitingGet extends Waiting<{ Item?: Item; $metadata: object }> {
  readonly key: Item;
}
interface WaitingPut extends Waiting<{ $metadata: object }> {
  readonly item: Item;
}

const identityOf = (item: Item) =>
  `${String(item[gatewayTable.partitionKey])}\u0000${String(item[gatewayTable.sortKey])}`;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A strongly consistent read of one whole item by its key: exactly what a BatchGetItem entry is. */
function isPlainGet(input: GetCommandInput, tableName: string): boolean {
  return (
    input.TableName === tableName &&
    input.ConsistentRead === true &&
    input.ProjectionExpression === undefined &&
    input.ExpressionAttributeNames === undefined
  );
}

/** An unconditional Put that returns nothing: exactly what a BatchWriteItem entry is. */
function isPlainPut(input: PutCommandInput, tableName: string): boolean {
  return (
    input.TableName === tableName &&
    input.ConditionExpression === undefined &&
    input.ReturnValues === undefined &&
    input.ExpressionAttributeNames === undefined &&
    input.ExpressionAttributeValues === undefined
  );
}

/**
 * The same client, whose plain GetItems and Puts on the gateway table that are sent in the same
 * turn of the event loop travel together as one BatchGetItem or BatchWriteItem (issue 24). A relay
 * batch's records read their progress and message at the same moment, and their deliveries
 * finish in waves (the portal guard lets a few calls out at once), so each wave's reads and
 * writes become one round trip instead of one each. Every caller still awaits its own item: a
 * read is as consistent as before and a write is done when its promise resolves, so the order of
 * writes a caller depends on (docs/adr/0001, 0013, 0014) is unchanged. Conditional writes,
 * updates, queries and projected reads pass through as they are: they cannot be batched.
 */
export function coalesceItemRequests(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: {
    /**
     * How long a plain Put may wait for others to share its BatchWriteItem (0: the same turn
     * only). The relay's deliveries finish apart, each when its portal call answers, so within a
     * single turn a message's Put-back mostly travels alone; a bounded wait lets the deliveries
     * that finish within a few milliseconds share one request. Each caller still awaits its own
     * write, which is only later, never out of order (a repeated item goes in a later batch).
     */
    readonly writeLingerMs?: number;
  } = {},
): DynamoDBDocumentClient {
  const writeLingerMs = options.writeLingerMs ?? 0;
  let gets: WaitingGet[] = [];
  let puts: WaitingPut[] = [];
  let scheduled = false;
  /** Cancels the pending flush of `puts`; absent when none is pending. */
  let cancelPutFlush: (() => void) | undefined;

  async function readTogether(waiting: readonly WaitingGet[]) {
    // One key asked twice in the same turn is read once: BatchGetItem refuses a repeated key.
    const byIdentity = new Map<string, WaitingGet[]>();
    for (const get of waiting)
      byIdentity.set(identityOf(get.key), [...(byIdentity.get(identityOf(get.key)) ?? []), get]);
    const found = new Map<string, Item>();
    let keys = [...byIdentity.values()].map((same) => same[0]?.key as Item);
    try {
      for (let round = 0; keys.length > 0 && round < MAX_ROUNDS; round += 1) {
        if (round > 0) await pause(10 * 2 ** round);
        const unprocessed: Item[] = [];
        for (let start = 0; start < keys.length; start += MAX_KEYS_PER_GET) {
          const result = await client.send(
            new BatchGetCommand({
              RequestItems: {
                [tableName]: { Keys: keys.slice(start, start + MAX_KEYS_PER_GET), ConsistentRead: true },
              },
            }),
          );
          for (const item of result.Responses?.[tableName] ?? []) found.set(identityOf(item), item);
          unprocessed.push(...((result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[]));
        }
        keys = unprocessed;
      }
    } catch (error) {
      for (const get of waiting) get.reject(error);
      return;
    }
    const left = new Set(keys.map(identityOf));
    for (const [identity, same] of byIdentity) {
      for (const get of same) {
        if (left.has(identity))
          get.reject(new Error(`read of ${identity} not processed after ${MAX_ROUNDS} rounds`));
        else get.resolve({ Item: found.get(identity), $metadata: {} });
      }
    }
  }

  async function writeTogether(waiting: readonly WaitingPut[]) {
    // Two writes of one item cannot share a BatchWriteItem: the later one goes in a later batch,
    // so the item ends as the last caller wrote it.
    const batches: WaitingPut[][] = [[]];
    for (const put of waiting) {
      const current = batches.at(-1) ?? [];
      const repeated = current.some((other) => identityOf(other.item) === identityOf(put.item));
      if (repeated || current.length === MAX_ITEMS_PER_WRITE) batches.push([put]);
      else current.push(put);
    }
    for (const batch of batches) {
      let requests = batch.map((put) => ({ PutRequest: { Item: put.item } }));
      try {
        for (let round = 0; requests.length > 0 && round < MAX_ROUNDS; round += 1) {
          if (round > 0) await pause(10 * 2 ** round);
          const result = await client.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      } catch (error) {
        for (const put of batch) put.reject(error);
        continue;
      }
      const left = new Set(requests.map((request) => identityOf(request.PutRequest.Item)));
      for (const put of batch) {
        if (left.has(identityOf(put.item))) {
          put.reject(new Error(`write of ${identityOf(put.item)} not processed after ${MAX_ROUNDS} rounds`));
        } else put.resolve({ $metadata: {} });
      }
    }
  }

  function flushGets() {
    scheduled = false;
    const taken = gets;
    gets = [];
    // A single request goes as itself: batching it would only rename it.
    if (taken.length === 1 && taken[0]) {
      const [get] = taken;
      client
        .send(new GetCommand({ TableName: tableName, Key: get.key, ConsistentRead: true }))
        .then(get.resolve, get.reject);
    } else if (taken.length > 1) void readTogether(taken);
  }

  function flushPuts() {
    cancelPutFlush?.();
    cancelPutFlush = undefined;
    const taken = puts;
    puts = [];
    if (taken.length === 1 && taken[0]) {
      const [put] = taken;
      client.send(new PutCommand({ TableName: tableName, Item: put.item })).then(put.resolve, put.reject);
    } else if (taken.length > 1) void writeTogether(taken);
  }

  function enqueueGet(entry: WaitingGet) {
    gets.push(entry);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushGets);
    }
  }

  function enqueuePut(entry: WaitingPut) {
    puts.push(entry);
    // A full BatchWriteItem has nothing more to wait for.
    if (puts.length >= MAX_ITEMS_PER_WRITE) flushPuts();
    else if (!cancelPutFlush && writeLingerMs > 0) {
      const timer = setTimeout(flushPuts, writeLingerMs);
      cancelPutFlush = () => clearTimeout(timer);
    } else if (!cancelPutFlush) {
      const immediate = setImmediate(flushPuts);
      cancelPutFlush = () => clearImmediate(immediate);
    }
  }

  const send = (command: unknown, ...rest: unknown[]): Promise<unknown> => {
    if (rest.length === 0 && command instanceof GetCommand && isPlainGet(command.input, tableName)) {
      const key = command.input.Key as Item;
      return new Promise((resolve, reject) => enqueueGet({ key, resolve, reject }));
    }
    if (rest.length === 0 && command instanceof PutCommand && isPlainPut(command.input, tableName)) {
      const item = command.input.Item as Item;
      return new Promise((resolve, reject) => enqueuePut({ item, resolve, reject }));
    }
    return (client.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  };
  // Everything else (middleware, config, destroy) is the client's own.
  return Object.assign(Object.create(client) as DynamoDBDocumentClient, { send });
}
