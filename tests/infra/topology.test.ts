import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { queueUrlVariable, topology } from '../../infra/topology';
import { startTestRuntime } from '../support/test-runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime.stop());

describe('the local runtime is built from the topology', () => {
  it('creates exactly the tables the topology names', async () => {
    const tables = await runtime.deps.aws.dynamodb.send(new ListTablesCommand({}));
    expect(tables.TableNames?.sort()).toEqual(topology.tables.map((table) => `local-${table.name}`).sort());
  });

  it('creates exactly the queues and dead-letter queues the topology names', async () => {
    const queues = await runtime.deps.aws.sqs.send(new ListQueuesCommand({}));
    const names = (queues.QueueUrls ?? []).map((url) => url.split('/').at(-1)).sort();
    const expected = [...topology.queues, ...topology.deadLetterQueues]
      .map((queue) => `local-${queue.name}`)
      .sort();
    expect(names).toEqual(expected);
  });

  it('runs a poller for every queue-triggered function and nothing else', () => {
    const queueFunctions = topology.functions
      .filter((fn) => fn.trigger.kind === 'queue')
      .map((fn) => fn.name);
    expect([...runtime.pollers.keys()].sort()).toEqual([...queueFunctions].sort());
  });

  it('gives every queue a dead-letter queue that the topology also declares', () => {
    for (const queue of topology.queues) {
      expect(topology.deadLetterQueues.map((dlq) => dlq.name)).toContain(queue.deadLetterQueue);
      expect(queue.visibilityTimeoutSeconds).toBeGreaterThan(
        Math.max(
          ...topology.functions.filter((fn) => fn.trigger.kind === 'queue').map((fn) => fn.timeoutSeconds),
        ),
      );
    }
  });

  it('names queue URL variables predictably', () => {
    expect(queueUrlVariable('to-national.fifo')).toBe('GATEWAY_QUEUE_URL_TO_NATIONAL');
  });
});
