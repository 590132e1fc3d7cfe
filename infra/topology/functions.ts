import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import {
  toNationalDeadLetterQueue,
  toNationalQueue,
  toProvinceDeadLetterQueue,
  toProvinceQueue,
} from './queues';
import type { FunctionSpec } from './specs';

/** Every function but the API: a worker's size, bundled without the console. */
const worker = { memoryMb: 256, bundleBudgetKb: 400 } as const;
/** Reads and writes the gateway table, and reads the gateway secret. */
const tableAndSecret = {
  tables: [{ table: gatewayTable.name, mode: 'read-write' }],
  readsSecrets: true,
} as const;
/** Both relay queues: a settled payment or a re-enqueued message may go to either side. */
const bothQueues = [toNationalQueue.name, toProvinceQueue.name] as const;

/** What the API function touches: what systems call reads and writes the table and both queues. */
const apiAccess = {
  ...tableAndSecret,
  // Provincial messages go to the national queue, national pushes to the provincial one, a
  // settled payment to either.
  sendsTo: bothQueues,
} as const;

/**
 * What the console function touches: the admin API and the console's pages do what the API
 * does (replays go to either queue), and read the queues' depths and seal secrets.
 */
const consoleAccess = {
  ...apiAccess,
  monitors: [
    toNationalQueue.name,
    toProvinceQueue.name,
    toNationalDeadLetterQueue.name,
    toProvinceDeadLetterQueue.name,
  ],
  // Registers connected systems and rotates their webhook secrets (issue 19).
  sealsSecrets: 'seal',
} as const;

/** A dead-letter queue's recorder: parks what its queue gave up on, for administrators. */
const deadLetterRecorder = <const Name extends string, const Queue extends string>(
  name: Name,
  queue: Queue,
) =>
  ({
    name,
    entry: 'functions/handlers/dead-letter-recorder.ts',
    ...worker,
    timeoutSeconds: 30,
    // Lambda's lowest maxConcurrency for SQS sources is 2.
    trigger: { kind: 'queue', queue, batchSize: 10, maxConcurrency: 2 },
    access: { ...tableAndSecret, consumes: [queue] },
  }) as const;

/**
 * Every function: its handler module, its sizing, its trigger and what it may touch (its IAM
 * role is derived from `access`). The local runtime runs the same list.
 */
export const functions = [
  {
    name: 'api',
    entry: 'functions/handlers/api.ts',
    memoryMb: 512,
    timeoutSeconds: 15,
    // What systems call: the provincial API, the national endpoints, tokens and health. The admin
    // API, the console and the API reference are the console function's (ADR 17), and the API's
    // wiring builds only what it serves (functions/wiring/aws-api.ts). ~490 KB minified: zod
    // ~100 KB, the adapters it uses ~60 KB, hono ~42 KB, zod-to-openapi ~29 KB (OpenAPIHono
    // carries it), Powertools ~33 KB, jose ~21 KB, the problem catalogue ~25 KB. Over the 400 KB
    // target of issue 24; see docs/performance.md for what is left.
    bundleBudgetKb: 500,
    trigger: { kind: 'http' },
    access: apiAccess,
  },
  {
    // What operators use: the console (/admin), the admin API (/v1/admin) and the API reference
    // (/docs, /openapi.json), routed here by the topology's routes (ADR 17). It may touch what
    // the API may, and what only the admin API does; it alone reads the console's sign-in
    // settings and client secret.
    name: 'console',
    entry: 'functions/handlers/console.ts',
    memoryMb: 512,
    timeoutSeconds: 15,
    // The API's code, mounted so that /openapi.json documents it, plus the console's pages, its
    // OpenID Connect sign-in (openid-client, oauth4webapi) and the scorecard's .xlsx writer
    // (write-excel-file and fflate, ~75 KB): esbuild inlines that dynamic import, as it does
    // not split code. The mapping files (issue 21) add the .xlsx reader (read-excel-file, ~58 KB).
    bundleBudgetKb: 900,
    trigger: { kind: 'http' },
    access: { ...consoleAccess, servesConsole: true },
  },
  {
    name: 'national-relay',
    entry: 'functions/handlers/national-relay.ts',
    ...worker,
    timeoutSeconds: 45,
    trigger: { kind: 'queue', queue: toNationalQueue.name, batchSize: 10, maxConcurrency: 4 },
    access: {
      ...tableAndSecret,
      consumes: [toNationalQueue.name],
      // Releasing messages held behind a replayed one puts them back on the queue.
      sendsTo: [toNationalQueue.name],
    },
  },
  {
    name: 'province-relay',
    entry: 'functions/handlers/province-relay.ts',
    ...worker,
    timeoutSeconds: 45,
    trigger: { kind: 'queue', queue: toProvinceQueue.name, batchSize: 10, maxConcurrency: 4 },
    access: {
      ...tableAndSecret,
      consumes: [toProvinceQueue.name],
      sendsTo: [toProvinceQueue.name],
      // Opens connected systems' sealed webhook signing secrets to sign each delivery.
      sealsSecrets: 'open',
    },
  },
  deadLetterRecorder('national-dead-letters', toNationalDeadLetterQueue.name),
  deadLetterRecorder('province-dead-letters', toProvinceDeadLetterQueue.name),
  {
    name: 'outbox-sweeper',
    entry: 'functions/handlers/outbox-sweeper.ts',
    ...worker,
    timeoutSeconds: 60,
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: {
      // Reads the pending index and the messages; re-enqueuing writes nothing to the table.
      tables: [{ table: gatewayTable.name, mode: 'read' }],
      sendsTo: bothQueues,
      readsSecrets: true,
    },
  },
  {
    // Missed callbacks: QUERY the platform about payments whose callback never came.
    name: 'payment-status-poller',
    entry: 'functions/handlers/payment-status-poller.ts',
    ...worker,
    timeoutSeconds: 60,
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: {
      ...tableAndSecret,
      // A settled payment is relayed to the province and the portal.
      sendsTo: bothQueues,
    },
  },
  {
    // Đối soát of the previous Vietnam day; also run on demand by an admin.
    name: 'payment-reconciliation',
    entry: 'functions/handlers/payment-reconciliation.ts',
    ...worker,
    memoryMb: 512,
    timeoutSeconds: 300,
    trigger: { kind: 'schedule', everySeconds: 86_400 },
    access: {
      ...tableAndSecret,
      // A settled payment is relayed to the province and the portal.
      sendsTo: bothQueues,
    },
  },
  {
    // Due-soon and overdue notices to the owning province (issue 11), once per promised date.
    name: 'deadline-watch',
    entry: 'functions/handlers/deadline-watch.ts',
    ...worker,
    timeoutSeconds: 120,
    trigger: { kind: 'schedule', everySeconds: 900 },
    access: {
      ...tableAndSecret,
      sendsTo: [toProvinceQueue.name],
    },
  },
  {
    // Drift check: TraCuuHoSo on a rolling sample of synced dossiers, against what was delivered.
    name: 'drift-check',
    entry: 'functions/handlers/drift-check.ts',
    ...worker,
    // Above (sampleSize + recheckLimit) / concurrency look-ups at the portal's 10 s timeout.
    timeoutSeconds: 600,
    trigger: { kind: 'schedule', everySeconds: 3600 },
    access: {
      // Reads progress and messages; writes findings, run reports and the sample's position.
      // Sends nothing: a re-sync is an administrator's decision, made through the API.
      tables: [{ table: gatewayTable.name, mode: 'read-write', scans: true }],
      readsSecrets: true,
    },
  },
  {
    // National catalogues (issue 21): procedures, agencies and fields from the share endpoint, daily.
    name: 'catalogue-refresh',
    entry: 'functions/handlers/catalogue-refresh.ts',
    ...worker,
    // A few thousand procedures is a few MB to read, compare and write in chunks.
    memoryMb: 512,
    // Three pulls at the portal's timeout, plus the writes.
    timeoutSeconds: 120,
    trigger: { kind: 'schedule', everySeconds: 86_400 },
    access: {
      // Reads the current versions; writes a new one when the portal's list changed.
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      readsSecrets: true,
    },
  },
  {
    // Citizen feedback and ratings (issue 23): the portal's lists for the province, every 5 minutes.
    name: 'feedback-pull',
    entry: 'functions/handlers/feedback-pull.ts',
    ...worker,
    // Two list reads at the portal's timeout, then one conditional write and a send per new row.
    timeoutSeconds: 120,
    trigger: { kind: 'schedule', everySeconds: 300 },
    access: {
      ...tableAndSecret,
      sendsTo: [toProvinceQueue.name],
    },
  },
] as const satisfies readonly FunctionSpec[];
