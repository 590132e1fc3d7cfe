import type { AuditActor } from '../../contracts/admin-api';
import { agencyOfDossierCode } from '../../contracts/codes';
import {
  RESYNC_COUNT_LIMIT,
  RESYNC_LIMIT,
  type ResyncRequest,
  type ResyncResult,
} from '../../contracts/endpoint-operations';
import { GatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { AcceptDependencies } from './accept-message';
import { resendCurrentState } from './resync-dossier';

export interface BulkResyncDependencies extends AcceptDependencies {
  readonly audit: AuditLog;
}

/** Dossier codes a dry run shows. */
const SAMPLE_SIZE = 10;
/** Listing items read per page of a reception range. */
const PAGE_SIZE = 500;
/** Dossiers re-sent at once: a few, so a large request does not crowd the table. */
const CONCURRENCY = 4;

/** The chosen dossiers: named ones the gateway holds, or those of a reception range, up to the count limit. */
async function choose(
  deps: BulkResyncDependencies,
  request: ResyncRequest,
): Promise<{ codes: string[]; unknown: string[]; countCapped: boolean }> {
  if (request.dossierCodes) {
    const named = [...new Set(request.dossierCodes)].filter(
      (code) => request.agencyCode === undefined || agencyOfDossierCode(code) === request.agencyCode,
    );
    const held = await Promise.all(
      named.map(async (code) => (await deps.store.listMessages('national', code)).length > 0),
    );
    return {
      codes: named.filter((_, index) => held[index]),
      unknown: named.filter((_, index) => !held[index]),
      countCapped: false,
    };
  }
  const codes: string[] = [];
  let cursor: string | undefined;
  // Bounded: each page adds up to PAGE_SIZE codes, and the loop stops at the count limit.
  for (let page = 0; page <= RESYNC_COUNT_LIMIT / PAGE_SIZE; page += 1) {
    const listing = await deps.store.listDossiers({
      fromDay: request.receivedFrom ?? '',
      toDay: request.receivedTo ?? '',
      ...(request.agencyCode ? { agencyCode: request.agencyCode } : {}),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    codes.push(...listing.items.map((item) => item.dossierCode));
    cursor = listing.cursor;
    if (!cursor || codes.length >= RESYNC_COUNT_LIMIT) break;
  }
  return {
    codes: codes.slice(0, RESYNC_COUNT_LIMIT),
    unknown: [],
    countCapped: codes.length >= RESYNC_COUNT_LIMIT && cursor !== undefined,
  };
}

/**
 * Re-sync and backfill (issue 19): the current state of each chosen dossier goes to the portal
 * again through its ordered national channel (resendCurrentState), all under one re-sync id so a
 * dossier is sent once per request. Runs within the request, up to RESYNC_LIMIT dossiers; a
 * larger choice is refused whole (nothing half-sent) and a dry run only counts. Audited.
 */
export async function resyncDossiers(
  deps: BulkResyncDependencies,
  request: ResyncRequest,
  actor: AuditActor,
): Promise<ResyncResult> {
  const { codes, unknown, countCapped } = await choose(deps, request);
  const notHeld = unknown.map((dossierCode) => ({
    dossierCode,
    error: `Cổng chưa từng nhận hồ sơ ${dossierCode} / The gateway holds no version of ${dossierCode}`,
  }));
  const answer = {
    dryRun: request.dryRun,
    matched: codes.length,
    countCapped,
    limit: RESYNC_LIMIT,
    sample: codes.slice(0, SAMPLE_SIZE),
  };
  if (request.dryRun) return { ...answer, sent: [], failed: notHeld };
  if (codes.length > RESYNC_LIMIT) {
    throw new GatewayError(
      'request.invalid',
      `${countCapped ? 'Hơn ' : ''}${codes.length} hồ sơ khớp, quá ${RESYNC_LIMIT} / ${codes.length}${countCapped ? '+' : ''} dossiers match, more than ${RESYNC_LIMIT} per request`,
      {
        fieldErrors: [
          {
            path: '$.receivedTo',
            message: `Thu hẹp khoảng ngày (tối đa ${RESYNC_LIMIT} hồ sơ mỗi lần) / Narrow the range: at most ${RESYNC_LIMIT} dossiers per request`,
          },
        ],
      },
    );
  }
  const resyncId = deps.newId();
  const sent: ResyncResult['sent'] = [];
  const failed: ResyncResult['failed'] = [...notHeld];
  for (let start = 0; start < codes.length; start += CONCURRENCY) {
    await Promise.all(
      codes.slice(start, start + CONCURRENCY).map(async (dossierCode) => {
        try {
          const { message } = await resendCurrentState(deps, dossierCode, `resync:${resyncId}`);
          sent.push({ dossierCode, messageId: message.messageId, sequence: message.sequence });
        } catch (error) {
          failed.push({ dossierCode, error: (error as Error).message });
        }
      }),
    );
  }
  await deps.audit.record({
    actor,
    action: 'dossiers.resync',
    target: request.dossierCodes
      ? `${codes.length} dossiers`
      : `${request.receivedFrom}..${request.receivedTo}${request.agencyCode ? ` ${request.agencyCode}` : ''}`,
    after: {
      resyncId,
      matched: codes.length,
      sent: sent.map((item) => item.dossierCode),
      failed: failed.map((item) => item.dossierCode),
    },
  });
  return { ...answer, sent, failed };
}
