import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import { CONSOLE_PATH } from '../../functions/http/console/console-env';
import { DOCS_PATH, OPENAPI_PATH } from '../../functions/http/platform/documentation-paths';
import { functions } from './functions';
import {
  deadlines,
  driftCheck,
  endpointOperations,
  endpoints,
  outbox,
  payments,
  retention,
  retry,
  security,
} from './operating-bounds';
import {
  toNationalDeadLetterQueue,
  toNationalQueue,
  toProvinceDeadLetterQueue,
  toProvinceQueue,
} from './queues';
import type { DeadLetterQueueSpec, QueueSpec, RouteSpec } from './specs';

/**
 * The one description of the system. The CDK stack (infra/aws) and the local runtime
 * (infra/local) are both built from this object, so a table, queue, function, route,
 * schedule or environment variable is named here (in the modules beside this one) and nowhere
 * else. The table itself is the table design the DynamoDB adapters read
 * (functions/adapters/dynamodb/gateway-table.ts).
 */
export const topology = {
  tables: [gatewayTable],
  queues: [toNationalQueue, toProvinceQueue],
  deadLetterQueues: [toNationalDeadLetterQueue, toProvinceDeadLetterQueue],
  functions,
  routes: [
    // What systems call: the provincial API, the national endpoints, tokens, health.
    { method: 'ANY', path: '/{proxy+}', function: 'api' },
    // What operators use goes to the console function (ADR 17): the pages, the admin API and the
    // reference. API Gateway takes the most specific route, so these win over the API's catch-all.
    { method: 'ANY', path: CONSOLE_PATH, function: 'console' },
    { method: 'ANY', path: `${CONSOLE_PATH}/{proxy+}`, function: 'console' },
    { method: 'ANY', path: '/v1/admin/{proxy+}', function: 'console' },
    { method: 'GET', path: DOCS_PATH, function: 'console' },
    { method: 'GET', path: `${DOCS_PATH}/{proxy+}`, function: 'console' },
    { method: 'GET', path: OPENAPI_PATH, function: 'console' },
  ] as const satisfies readonly RouteSpec[],
  retry,
  outbox,
  payments,
  deadlines,
  driftCheck,
  security,
  retention,
  endpoints,
  endpointOperations,
} as const;

export type Topology = typeof topology;

/** A queue or dead-letter queue by name; only the former has a redrive policy. */
export function findQueue(name: string): QueueSpec | DeadLetterQueueSpec {
  const queue = [...topology.queues, ...topology.deadLetterQueues].find(
    (candidate) => candidate.name === name,
  );
  if (!queue) throw new Error(`topology names no queue ${name}`);
  return queue;
}
