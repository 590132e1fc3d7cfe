import { gatewayTable } from '../../functions/adapters/dynamodb/gateway-table';
import {
  toNationalDeadLetterQueue,
  toNationalQueue,
  toProvinceDeadLetterQueue,
  toProvinceQueue,
} from './queues';
import type { FunctionSpec } from './specs';

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
    // ~810 KB minified with the admin console, indicators, drift findings and the agency re-coding table,
    // ~250 KB of it zod's locale messages: @hono/zod-openapi hands the whole `z` namespace to
    // extendZodWithOpenApi, so esbuild cannot drop them (the workers, without it, stay near
    // 250 KB). Over the 400 KB target; see docs/performance.md.
    bundleBudgetKb: 860,
    trigger: { kind: 'http' },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      // Provincial messages go to the national queue, national pushes to the provincial one;
      // admin replays go to either.
      sendsTo: [toNationalQueue.name, toProvinceQueue.name],
      monitors: [
        toNationalQueue.name,
        toProvinceQueue.name,
        toNationalDeadLetterQueue.name,
        toProvinceDeadLetterQueue.name,
      ],
      readsSecrets: true,
    },
  },
  {
    name: 'national-relay',
    entry: 'functions/handlers/national-relay.ts',
    memoryMb: 256,
    timeoutSeconds: 45,
    bundleBudgetKb: 400,
    trigger: { kind: 'queue', queue: toNationalQueue.name, batchSize: 10, maxConcurrency: 4 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      consumes: [toNationalQueue.name],
      // Releasing messages held behind a replayed one puts them back on the queue.
      sendsTo: [toNationalQueue.name],
      readsSecrets: true,
    },
  },
  {
    name: 'province-relay',
    entry: 'functions/handlers/province-relay.ts',
    memoryMb: 256,
    timeoutSeconds: 45,
    bundleBudgetKb: 400,
    trigger: { kind: 'queue', queue: toProvinceQueue.name, batchSize: 10, maxConcurrency: 4 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      consumes: [toProvinceQueue.name],
      sendsTo: [toProvinceQueue.name],
      // Webhook signing secrets live in the gateway secret.
      readsSecrets: true,
    },
  },
  {
    name: 'national-dead-letters',
    entry: 'functions/handlers/dead-letter-recorder.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    bundleBudgetKb: 400,
    // Lambda's lowest maxConcurrency for SQS sources is 2.
    trigger: { kind: 'queue', queue: toNationalDeadLetterQueue.name, batchSize: 10, maxConcurrency: 2 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      consumes: [toNationalDeadLetterQueue.name],
      readsSecrets: true,
    },
  },
  {
    name: 'province-dead-letters',
    entry: 'functions/handlers/dead-letter-recorder.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    bundleBudgetKb: 400,
    trigger: { kind: 'queue', queue: toProvinceDeadLetterQueue.name, batchSize: 10, maxConcurrency: 2 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      consumes: [toProvinceDeadLetterQueue.name],
      readsSecrets: true,
    },
  },
  {
    name: 'outbox-sweeper',
    entry: 'functions/handlers/outbox-sweeper.ts',
    memoryMb: 256,
    timeoutSeconds: 60,
    bundleBudgetKb: 400,
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: {
      // Reads the pending index and the messages; re-enqueuing writes nothing to the table.
      tables: [{ table: gatewayTable.name, mode: 'read' }],
      sendsTo: [toNationalQueue.name, toProvinceQueue.name],
      readsSecrets: true,
    },
  },
  {
    // Missed callbacks: QUERY the platform about payments whose callback never came.
    name: 'payment-status-poller',
    entry: 'functions/handlers/payment-status-poller.ts',
    memoryMb: 256,
    timeoutSeconds: 60,
    bundleBudgetKb: 400,
    trigger: { kind: 'schedule', everySeconds: 60 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      // A settled payment is relayed to the province and the portal.
      sendsTo: [toNationalQueue.name, toProvinceQueue.name],
      readsSecrets: true,
    },
  },
  {
    // Đối soát of the previous Vietnam day; also run on demand by an admin.
    name: 'payment-reconciliation',
    entry: 'functions/handlers/payment-reconciliation.ts',
    memoryMb: 512,
    timeoutSeconds: 300,
    bundleBudgetKb: 400,
    trigger: { kind: 'schedule', everySeconds: 86_400 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      // A settled payment is relayed to the province and the portal.
      sendsTo: [toNationalQueue.name, toProvinceQueue.name],
      readsSecrets: true,
    },
  },
  {
    // Due-soon and overdue notices to the owning province (issue 11), once per promised date.
    name: 'deadline-watch',
    entry: 'functions/handlers/deadline-watch.ts',
    memoryMb: 256,
    timeoutSeconds: 120,
    bundleBudgetKb: 400,
    trigger: { kind: 'schedule', everySeconds: 900 },
    access: {
      tables: [{ table: gatewayTable.name, mode: 'read-write' }],
      sendsTo: [toProvinceQueue.name],
      readsSecrets: true,
    },
  },
  {
    // Drift check: TraCuuHoSo on a rolling sample of synced dossiers, against what was delivered.
    name: 'drift-check',
    entry: 'functions/handlers/drift-check.ts',
    memoryMb: 256,
    // Above (sampleSize + recheckLimit) / concurrency look-ups at the portal's 10 s timeout.
    timeoutSeconds: 600,
    bundleBudgetKb: 400,
    trigger: { kind: 'schedule', everySeconds: 3600 },
    access: {
      // Reads progress and messages; writes findings, run reports and the sample's position.
      // Sends nothing: a re-sync is an administrator's decision, made through the API.
      tables: [{ table: gatewayTable.name, mode: 'read-write', scans: true }],
      readsSecrets: true,
    },
  },
] as const satisfies readonly FunctionSpec[];
