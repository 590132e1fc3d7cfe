import type { Channel } from '../../core/dossier-message';

/**
 * The gateway's one DynamoDB table, as data (STYLE.md, "the table is data"; docs/adr/0012):
 * its key attributes and indexes, every item kind with its key, and every access pattern by
 * name. The CDK stack (infra/aws/gateway-tables.ts, through the topology), the local
 * provisioning (infra/local/provision.ts) and the DynamoDB adapters all read this module;
 * tests/functions/adapters/dynamodb/gateway-table.test.ts proves that they agree.
 */

export interface TableIndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableSpec {
  /** Logical name; the physical name gets the stage prefix. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly TableIndexSpec[];
  readonly ttlAttribute: string;
}

/** Every key attribute is a string (S), in the table and in its indexes. */
export const keyAttributeType = 'S';

/**
 * Two sparse indexes, projecting whole items: `pending` holds three lists kept apart by the
 * partition's prefix (undelivered messages, watched deadlines, payments the poller is due to
 * look at; see the access patterns below and docs/adr/0012), `failed` the parked messages.
 */
export const gatewayTable = {
  name: 'gateway',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'pending', partitionKey: 'pendingShard', sortKey: 'pendingSince' },
    { name: 'failed', partitionKey: 'failedQueue', sortKey: 'failedAt' },
  ],
  ttlAttribute: 'expiresAt',
} as const satisfies TableSpec;

export type GatewayIndexName = (typeof gatewayTable.indexes)[number]['name'];

/** A type, not an interface, so that a key passes wherever the SDK takes a record. */
export type TableKey = { readonly pk: string; readonly sk: string };

/** The attributes an item carries while it is on a sharded list of the `pending` index. */
export interface PendingIndexEntry {
  readonly pendingShard: string;
  readonly pendingSince: string;
}

/** The attributes a parked message's record carries on the `failed` index. */
export interface FailedIndexEntry {
  readonly failedQueue: string;
  readonly failedAt: string;
}

/** Sequences are zero-padded so that sort keys order them as numbers. */
const SEQUENCE_WIDTH = 10;
const padded = (sequence: number) => String(sequence).padStart(SEQUENCE_WIDTH, '0');
const DOSSIER_PREFIX = 'DOSSIER#';
const dossierPartition = (dossierCode: string) => `${DOSSIER_PREFIX}${dossierCode}`;

/** The dossier code of a DOSSIER#<code> partition key. */
export function dossierCodeOf(pk: string): string {
  if (!pk.startsWith(DOSSIER_PREFIX)) throw new Error(`${pk} is not a dossier's partition`);
  return pk.slice(DOSSIER_PREFIX.length);
}

/**
 * A stable shard for a key (a dossier code, a payment id): spreads one list over several
 * partitions of an index so that no partition is hot, while each item always lands in the same
 * one. Changing it would strand items already on a list: it is part of the stored layout.
 */
export function shardOf(key: string, shards: number): number {
  let hash = 0;
  for (const character of key) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash % shards;
}

/** The design of one index, by name. */
export function indexNamed(name: GatewayIndexName): (typeof gatewayTable.indexes)[number] {
  const index = gatewayTable.indexes.find((candidate) => candidate.name === name);
  if (!index) throw new Error(`the gateway table has no index ${name}`);
  return index;
}

const pendingIndex = indexNamed('pending');

/** A list on the `pending` index: partitions `<prefix><shard>`, each ordered by its sort value. */
function shardedList(prefix: string) {
  return {
    index: pendingIndex.name,
    partitionAttribute: pendingIndex.partitionKey,
    sortAttribute: pendingIndex.sortKey,
    partitionPrefix: prefix,
    /** The partition holding shard `shard` of this list. */
    partition: (shard: number) => `${prefix}${shard}`,
    /** The index attributes of an item on this list: shard by `shardKey`, ordered by `sortValue`. */
    entry: (shardKey: string, shards: number, sortValue: string): PendingIndexEntry => ({
      pendingShard: `${prefix}${shardOf(shardKey, shards)}`,
      pendingSince: sortValue,
    }),
  } as const satisfies AccessPattern;
}

/**
 * Every item kind the gateway writes, and its key. A partition may hold several kinds (a
 * dossier's messages, its progress, its open payment and its payment listing share
 * DOSSIER#<code>); the sort key's prefix tells them apart.
 */
export const itemKeys = {
  /** One accepted message: its summary, payload and delivery attempts. */
  message: (dossierCode: string, channel: Channel, sequence: number): TableKey => ({
    pk: dossierPartition(dossierCode),
    sk: `MSG#${channel}#${padded(sequence)}`,
  }),
  /** What the relay has delivered of a dossier's channel; the national one also what deadlines and indicators track. */
  deliveryProgress: (dossierCode: string, channel: Channel): TableKey => ({
    pk: dossierPartition(dossierCode),
    sk: `PROGRESS#${channel}`,
  }),
  /**
   * A dossier on the recent-dossiers list, in the partition of its code's day, ordered by code;
   * rewritten by each newer national-channel message (its sequence guards the order).
   */
  dossierListing: (day: string, dossierCode: string): TableKey => ({
    pk: `DOSSIERS#${day}`,
    sk: dossierCode,
  }),
  /** A parked message as administrators see it. */
  failedMessage: (messageId: string): TableKey => ({ pk: `FAILED#${messageId}`, sk: 'FAILED' }),
  payment: (paymentId: string): TableKey => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' }),
  /** An Idempotency-Key of POST /v1/payments, scoped to its client. */
  paymentKeyClaim: (clientId: string, key: string): TableKey => ({
    pk: `PAYKEY#${clientId}#${key}`,
    sk: 'PAYKEY',
  }),
  /** The dossier's one open payment (initiating or pending). */
  openPaymentSlot: (dossierCode: string): TableKey => ({
    pk: dossierPartition(dossierCode),
    sk: 'PAYMENT_OPEN',
  }),
  /** Lists a payment under its dossier. */
  dossierPayment: (dossierCode: string, paymentId: string): TableKey => ({
    pk: dossierPartition(dossierCode),
    sk: `PAYMENT#${paymentId}`,
  }),
  /** Lists a payment under the Vietnam day it was created, for reconciliation. */
  dayPayment: (day: string, paymentId: string): TableKey => ({
    pk: `PAYDAY#${day}`,
    sk: `PAYMENT#${paymentId}`,
  }),
  /**
   * An admin action, in a partition per UTC month, newest last. Admin actions are few (a month
   * is never a hot partition) and a month per partition keeps "newest first" a handful of
   * queries however sparse the log is (docs/adr/0012).
   */
  auditEntry: (at: string, id: string): TableKey => ({ pk: `AUDIT#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  /** Delivery counts of a channel in one ten-minute bucket. */
  throughputBucket: (channel: string, bucket: string): TableKey => ({ pk: `STATS#${channel}`, sk: bucket }),
  /** An API client (its secret only as a hash). */
  client: (clientId: string): TableKey => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' }),
  /** A request id of a signed push, taken until it expires. */
  nonce: (key: string): TableKey => ({ pk: `NONCE#${key}`, sk: 'NONCE' }),
  /**
   * A connected system (issue 19) with its API client's secret hash; all of them in one
   * partition. The partition keeps its first name: rows written when it held only provincial
   * webhook routes stay readable (they have no `kind`).
   */
  connectedSystem: (clientId: string): TableKey => ({ pk: 'PROVINCE_SYSTEMS', sk: clientId }),
  /** A reconciliation report's summary in the newest-first list. */
  reconciliationListing: (day: string, startedAt: string, reportId: string): TableKey => ({
    pk: 'RECONCILIATION',
    sk: `${day}#${startedAt}#${reportId}`,
  }),
  /** The same summary, to find a report by id. */
  reconciliationReport: (reportId: string): TableKey => ({ pk: `RECONCILIATION#${reportId}`, sk: 'REPORT' }),
  /** A chunk of a report's mismatches (an item holds at most 400 KB). */
  reconciliationEntries: (reportId: string, chunk: number): TableKey => ({
    pk: `RECONCILIATION#${reportId}`,
    sk: `ENTRIES#${String(chunk).padStart(4, '0')}`,
  }),
  /** Where the drift check's rolling sample stopped. */
  driftCursor: (): TableKey => ({ pk: 'DRIFT', sk: 'CURSOR' }),
  driftFinding: (dossierCode: string): TableKey => ({ pk: 'DRIFT', sk: `FINDING#${dossierCode}` }),
  driftRun: (startedAt: string, runId: string): TableKey => ({
    pk: 'DRIFT',
    sk: `RUN#${startedAt}#${runId}`,
  }),
  /** A dossier's QĐ 766 fact sheet and where its verdicts are (ADR 14). */
  scorecardEntry: (dossierCode: string): TableKey => ({ pk: dossierPartition(dossierCode), sk: 'SCORECARD' }),
  /** A dossier's final QĐ 766 verdicts whose span touches a Vietnam month: one partition per month. */
  scorecardMonthVerdicts: (month: string, dossierCode: string): TableKey => ({
    pk: `SCORE#${month}`,
    sk: dossierCode,
  }),
  /**
   * A dossier still open, judged again at each read: one partition, ordered by its first day
   * (the open backlog is the deadline watch's few thousand; a row changes once per delivery).
   */
  scorecardOpenDossier: (firstDay: string, dossierCode: string): TableKey => ({
    pk: 'SCORE_OPEN',
    sk: `${firstDay}#${dossierCode}`,
  }),
  /** Which version of a national catalogue is current (the last good pull). */
  catalogueCurrent: (kind: string): TableKey => ({ pk: `CATALOGUE#${kind}`, sk: 'CURRENT' }),
  /** A stored version of a catalogue: its summary, what changed, and which write holds its entries. */
  catalogueVersion: (kind: string, version: number): TableKey => ({
    pk: `CATALOGUE#${kind}`,
    sk: `VERSION#${padded(version)}`,
  }),
  /**
   * A chunk of a version's entries (an item holds at most 400 KB). The write id keeps two
   * refreshes racing for one version number from writing over each other's chunks.
   */
  catalogueEntries: (kind: string, version: number, writeId: string, chunk: number): TableKey => ({
    pk: `CATALOGUE#${kind}`,
    sk: `ENTRIES#${padded(version)}#${writeId}#${String(chunk).padStart(4, '0')}`,
  }),
  /**
   * A mapping from a local code to a national one (issue 21): one partition per kind, ordered by
   * local code. A kind's table is a few thousand small items, read whole and held in the process.
   */
  codeMapping: (kind: string, localCode: string): TableKey => ({ pk: `MAPPING#${kind}`, sk: localCode }),
  /**
   * The dossiers that carried a code nothing explains, on one Vietnam day: one counter item per
   * code and day (a string set of dossier codes, so a retried dossier counts once), expiring
   * after the console's window. Written only for a code that is not explained, never scanned.
   */
  unmappedCodeOfDay: (day: string, kind: string, localCode: string): TableKey => ({
    pk: `UNMAPPED#${day}`,
    sk: `${kind}#${localCode}`,
  }),
  /** The last run of one schedule (one item each, replaced by each later-started run). */
  scheduleLastRun: (schedule: string): TableKey => ({ pk: 'SCHEDULES', sk: schedule }),
  /**
   * A citizen's feedback item (issue 23), with its state and dates; all of them in one partition,
   * ordered by id: a province receives a few thousand a year, a handful of writes a day each.
   */
  feedback: (feedbackId: string): TableKey => ({ pk: 'FEEDBACK', sk: feedbackId }),
  /** A citizen's rating of a feedback answer or a dossier, kept to count each once. */
  rating: (ratingId: string): TableKey => ({ pk: 'RATINGS', sk: ratingId }),
  /** Read (never written) by the health check: a cheap Get that proves the table answers. */
  health: (): TableKey => ({ pk: 'HEALTH', sk: 'HEALTH' }),
  /** Which connected systems are paused: one item, so the relay's question costs one read. */
  endpointPauses: (): TableKey => ({ pk: 'ENDPOINTS', sk: 'PAUSES' }),
  /**
   * One webhook attempt in its system's delivery log, ordered by time. A system's partition
   * takes one write per attempt: far below a partition's 1,000 writes a second for any province.
   */
  deliveryLogEntry: (systemId: string, at: string, messageId: string): TableKey => ({
    pk: `DELIVERIES#${systemId}`,
    sk: `${at}#${messageId}`,
  }),
} as const;

/** A read the gateway makes: the index it reads (undefined: the table itself) and how its keys are built. */
interface AccessPattern {
  readonly index: GatewayIndexName | undefined;
  readonly [detail: string]: unknown;
}

/**
 * The reads the gateway makes, by intent. Each names the index it reads (none: the table) and
 * how its partition and sort values are built; the adapters query through these and nothing
 * else, so a key shape lives here once.
 */
export const accessPatterns = {
  /** A dossier's messages in one channel, in sequence order. */
  messagesOfDossier: {
    index: undefined,
    partition: dossierPartition,
    sortPrefix: (channel: Channel) => `MSG#${channel}#`,
  },
  /**
   * Messages accepted and not yet delivered (the outbox sweeper and the queue overview), ordered
   * by `<since>#<dossierCode>#<sequence>`, sharded by dossier code.
   */
  pendingByShard: {
    ...shardedList('PENDING#'),
    sortValue: (since: string, dossierCode: string, sequence: number) =>
      `${since}#${dossierCode}#${sequence}`,
  },
  /**
   * Dossiers whose promised date is watched (the deadline watch): their national progress items,
   * ordered by `<dueAt>#<dossierCode>`, sharded by dossier code.
   */
  deadlinesByShard: {
    ...shardedList('DEADLINE#'),
    sortValue: (dueAt: string, dossierCode: string) => `${dueAt}#${dossierCode}`,
  },
  /**
   * Payments the status poller is due to look at, ordered by `<dueAt>#<paymentId>`, sharded by
   * payment id. Being on it is part of the payment item, so it changes in the same conditional
   * write as the payment's state.
   */
  paymentsDueByShard: {
    ...shardedList('PAYDUE#'),
    sortValue: (dueAt: string, paymentId: string) => `${dueAt}#${paymentId}`,
  },
  /** Parked messages of one queue, ordered by `<parkedAt>#<messageId>` (read newest first). */
  failedByQueue: {
    index: 'failed',
    partitionAttribute: indexNamed('failed').partitionKey,
    sortAttribute: indexNamed('failed').sortKey,
    entry: (queue: string, parkedAt: string, messageId: string): FailedIndexEntry => ({
      failedQueue: queue,
      failedAt: `${parkedAt}#${messageId}`,
    }),
  },
  /** Dossiers of one code day, read newest code first (the console's recent-dossiers list). */
  dossiersOfDay: { index: undefined, partition: (day: string) => itemKeys.dossierListing(day, '').pk },
  /** The national progress items of synced dossiers, found by a bounded rolling Scan (drift check). */
  syncedDossiersByScan: {
    index: undefined,
    sortValue: itemKeys.deliveryProgress('', 'national').sk,
  },
  /** A dossier's payments (their listing items), then the payments themselves by BatchGet. */
  paymentsOfDossier: { index: undefined, partition: dossierPartition, sortPrefix: 'PAYMENT#' },
  /** A Vietnam day's payments, the same way. */
  paymentsOfDay: { index: undefined, partition: (day: string) => `PAYDAY#${day}`, sortPrefix: 'PAYMENT#' },
  /** One UTC month (`YYYY-MM`) of the audit log, newest first. */
  auditOfMonth: { index: undefined, partition: (month: string) => `AUDIT#${month}` },
  /** A channel's throughput buckets since a time. */
  throughputOfChannel: { index: undefined, partition: (channel: string) => `STATS#${channel}` },
  /** Every connected system, in one query. */
  connectedSystems: { index: undefined, partition: 'PROVINCE_SYSTEMS' },
  /** Reconciliation summaries, newest day first. */
  reconciliationReportsByDay: { index: undefined, partition: 'RECONCILIATION' },
  /** A report's mismatch chunks. */
  reconciliationEntriesOfReport: {
    index: undefined,
    partition: (reportId: string) => `RECONCILIATION#${reportId}`,
    sortPrefix: 'ENTRIES#',
  },
  /** Drift findings in dossier-code order. */
  driftFindings: { index: undefined, partition: 'DRIFT', sortPrefix: 'FINDING#' },
  /** Drift runs, newest first. */
  driftRuns: { index: undefined, partition: 'DRIFT', sortPrefix: 'RUN#' },
  /** A catalogue's versions, newest first. */
  catalogueVersions: {
    index: undefined,
    partition: (kind: string) => `CATALOGUE#${kind}`,
    sortPrefix: 'VERSION#',
  },
  /** The entry chunks of one stored version, in order. */
  catalogueEntriesOfVersion: {
    index: undefined,
    partition: (kind: string) => `CATALOGUE#${kind}`,
    sortPrefix: (version: number, writeId: string) => `ENTRIES#${padded(version)}#${writeId}#`,
  },
  /** A kind's mapping table, whole. */
  mappingsOfKind: { index: undefined, partition: (kind: string) => itemKeys.codeMapping(kind, '').pk },
  /** The unexplained codes of one Vietnam day (the console reads the last 30 days). */
  unmappedCodesOfDay: {
    index: undefined,
    partition: (day: string) => itemKeys.unmappedCodeOfDay(day, '', '').pk,
  },
  /** A system's delivery log, read newest first. */
  deliveriesOfSystem: { index: undefined, partition: (systemId: string) => `DELIVERIES#${systemId}` },
  /** The last run of every schedule, in one query. */
  scheduleLastRuns: { index: undefined, partition: 'SCHEDULES' },
  /** The final verdicts touching one month (the scorecard of any period in it reads only this). */
  scorecardOfMonth: { index: undefined, partition: (month: string) => `SCORE#${month}` },
  /** Feedback items in id order (the console's list, the deadline watch, the scorecard's 5.x). */
  feedbackItems: { index: undefined, partition: 'FEEDBACK' },
  /** Ratings in id order. */
  ratings: { index: undefined, partition: 'RATINGS' },
  /** Open dossiers whose first day is on or before a day. */
  scorecardOpenDossiers: { index: undefined, partition: 'SCORE_OPEN' },
} as const satisfies Record<string, AccessPattern>;
