import type {
  DeadlinesSpec,
  DriftCheckSpec,
  EndpointOperationsSpec,
  EndpointSpec,
  PaymentsSpec,
  SecuritySpec,
} from './specs';

/** How the gateway behaves under load and failure: retries, sweeps, schedules' bounds, abuse limits, quotas. */

/** Exponential backoff with full jitter between deliveries of a failing message. */
export const retry = { baseSeconds: 2, capSeconds: 900 } as const satisfies {
  baseSeconds: number;
  capSeconds: number;
};
/** How long an accepted message may wait before the sweeper re-enqueues it. */
export const outbox = { staleAfterSeconds: 120, pendingShards: 8 } as const satisfies {
  staleAfterSeconds: number;
  pendingShards: number;
};
/** Payments (issue 6): how long a payer has, when a missing callback is chased with QUERY. */
export const payments = {
  lifetimeSeconds: 900,
  // Above the platform endpoint's timeout: an INIT younger than this may still be in flight.
  initiationTimeoutSeconds: 30,
  queryAfterSeconds: 300,
  queryEverySeconds: 300,
  relayRecoveryAfterSeconds: 30,
  callbackClockSkewSeconds: 600,
  dueShards: 4,
  pollLimit: 500,
} as const satisfies PaymentsSpec;
/**
 * Deadlines (issue 11): a dossier is due soon when its promised date falls within this many
 * working days (config/working-calendar.json), and its clock stops while it waits for the
 * citizen (supplementary documents, payment): no notice goes out then.
 */
export const deadlines = {
  dueSoonWorkingDays: 1,
  pausedStatuses: ['awaiting_supplement', 'awaiting_payment'],
  /** Dossiers one watch run looks at; the rest wait for the next run. */
  watchLimit: 1000,
} as const satisfies DeadlinesSpec;
/**
 * Drift check (issue 11). An hourly run reads at most scanPageSize x maxScanPages items
 * (~2,000 x ~2 KB: ~500 read request units) and makes at most sampleSize + recheckLimit
 * look-ups, two at a time so the relay keeps most of the province's portal quota.
 */
export const driftCheck = {
  sampleSize: 50,
  scanPageSize: 500,
  maxScanPages: 4,
  recheckLimit: 50,
  concurrency: 2,
} as const satisfies DriftCheckSpec;
/**
 * Security bounds (issue 9, SECURITY.md): how long a token lives, how soon a disabled client
 * is refused, abuse limits per caller, and the replay window of signed national pushes.
 */
export const security = {
  tokenLifetimeSeconds: 900,
  /** A disabled client's valid tokens are refused within this bound (the status cache's age). */
  clientStatusMaxAgeSeconds: 30,
  rateLimits: {
    /** Per authenticated client, per function instance: a burst, then a steady rate. */
    perClient: { burst: 100, perSecond: 20 },
    /** Per caller address, before authentication: everything, and the token endpoint (scrypt). */
    perAddress: { burst: 200, perSecond: 50 },
    tokenEndpointPerAddress: { burst: 20, perSecond: 1 },
  },
  /** The shape of a JSON body, checked after its size and before any schema walks it. */
  json: { maxDepth: 16, maxMembers: 1000, maxStringLength: 10_000 },
  /** Below the API function's timeout, so the caller gets a problem+json, not API Gateway's 503. */
  requestTimeoutMs: 10_000,
  /** Signed national pushes: how far webhook-timestamp may be from now, either way. */
  pushToleranceSeconds: 300,
} as const satisfies SecuritySpec;
/**
 * Messages, failed records and replay nonces carry `expiresAt` (the table's ttlAttribute), in
 * epoch seconds, this long after they are written; DynamoDB TTL then deletes them.
 */
export const retention = { days: 400 } as const satisfies { days: number };
export const endpoints = {
  // The portal's quota is per province account; four calls at once per instance, with the
  // relay's maxConcurrency of 4, keeps the province under 16 concurrent calls.
  nationalPortal: {
    maxConcurrentCalls: 4,
    timeoutMs: 10_000,
    circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
  },
  provinceWebhooks: {
    maxConcurrentCalls: 8,
    timeoutMs: 10_000,
    circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
  },
  paymentPlatform: {
    maxConcurrentCalls: 8,
    timeoutMs: 10_000,
    circuitBreaker: { failureThreshold: 5, openSeconds: 30 },
  },
} as const satisfies Record<string, EndpointSpec>;
/**
 * Connected systems' endpoints (issue 19). A paused system's message is looked at again every
 * 30 s (one receive of the dossier's head message, one small read), and after 10 receives (five
 * minutes) it goes round as a fresh message, far below the queue's 20. A system whose every
 * attempt has failed for 30 minutes (the retry backoff's first hour, about eight attempts per
 * message) is flagged as failing on the dashboard.
 */
export const endpointOperations = {
  pauseRecheckSeconds: 30,
  pausedRequeueAfterReceives: 10,
  resumeSettleMinutes: 15,
  failingAfterMinutes: 30,
  deliveryLogDays: 14,
} as const satisfies EndpointOperationsSpec;
