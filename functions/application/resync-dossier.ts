import type { AuditActor } from '../../contracts/admin-api';
import type { DriftFinding } from '../../contracts/drift-check';
import { messagePayloadSchemas } from '../../contracts/message-payloads';
import { currentDossierOf } from '../core/current-dossier';
import { canMoveFinding } from '../core/drift-finding';
import { GatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { DriftRecords } from '../ports/drift-records';
import { type AcceptDependencies, acceptMessage } from './accept-message';
import { describeActor } from './audit-actor';
import { latestDossierVersion } from './load-dossier-facts';

export interface ResyncDependencies extends AcceptDependencies {
  readonly drift: DriftRecords;
  readonly audit: AuditLog;
}

/**
 * The dossier as the gateway holds it now (latest version, with the status changes accepted
 * after it folded in) accepted again as a `dossier.resync` message in its national channel: it is
 * delivered after everything accepted before it, once per natural key, like any other message.
 * Throws 'dossier.notFound' when the gateway never took a version of it.
 */
export async function resendCurrentState(
  deps: AcceptDependencies,
  dossierCode: string,
  naturalKey: string,
): ReturnType<typeof acceptMessage> {
  const history = await deps.store.listMessages('national', dossierCode);
  const latest = history.at(-1);
  const stored = await latestDossierVersion(deps.store, history);
  if (!latest || !stored) {
    throw new GatewayError(
      'dossier.notFound',
      `Cổng chưa từng nhận hồ sơ ${dossierCode} từ tỉnh / The gateway holds no version of ${dossierCode} to send`,
    );
  }
  const laterChanges = await Promise.all(
    history
      .filter((message) => message.kind === 'dossier.status' && message.sequence > stored.sequence)
      .map(async (message) => {
        const change = await deps.store.getMessage('national', dossierCode, message.sequence);
        return messagePayloadSchemas['dossier.status'].parse(change?.payload);
      }),
  );
  const dossier = currentDossierOf(
    messagePayloadSchemas['dossier.sync'].parse(stored.payload),
    laterChanges,
    latest.status,
  );
  return acceptMessage(deps, {
    channel: 'national',
    dossierCode,
    agencyCode: latest.agencyCode,
    kind: 'dossier.resync',
    naturalKey,
    status: latest.status,
    requiresExistingDossier: true,
    enforceTransitions: false,
    payload: dossier,
    traceId: deps.newId(),
  });
}

/**
 * An administrator's answer to an open drift finding: the dossier as the gateway holds it now
 * (latest version, current status and promised date) goes to the portal again as a
 * `dossier.resync` message in the dossier's national channel, so it is delivered after
 * everything accepted before it, once, like any other message. The finding waits as
 * `resynced` until the next check says whether the portal agrees.
 */
export async function resyncDossier(
  deps: ResyncDependencies,
  dossierCode: string,
  options: { actor: AuditActor },
): Promise<{ finding: DriftFinding; messageId: string; sequence: number }> {
  const finding = await deps.drift.getFinding(dossierCode);
  if (!finding) {
    throw new GatewayError(
      'driftFinding.notFound',
      `Không có sai lệch nào của hồ sơ ${dossierCode} / No drift finding for ${dossierCode}`,
    );
  }
  if (!canMoveFinding(finding.state, 'resynced')) {
    throw new GatewayError(
      'driftFinding.notOpen',
      `Sai lệch đang ở trạng thái ${finding.state} / The finding is ${finding.state}; only an open finding can be re-synced`,
      { details: { state: finding.state } },
    );
  }
  // Claimed first, so two administrators clicking at once send one re-sync.
  const claimed: DriftFinding = {
    ...finding,
    state: 'resynced',
    resyncs: finding.resyncs + 1,
    resyncedAt: deps.clock.now().toISOString(),
    resyncedBy: describeActor(options.actor),
    revision: finding.revision + 1,
  };
  if (!(await deps.drift.saveFinding(claimed))) {
    throw new GatewayError(
      'driftFinding.notOpen',
      'Sai lệch vừa được người khác xử lý / Someone else changed this finding just now; reload',
    );
  }
  let accepted: Awaited<ReturnType<typeof acceptMessage>>;
  try {
    accepted = await resendCurrentState(deps, dossierCode, `resync:${finding.findingId}#${claimed.resyncs}`);
  } catch (error) {
    // Not sent: the finding goes back to open so it can be re-synced again.
    await deps.drift.saveFinding({ ...finding, revision: claimed.revision + 1 }).catch(() => undefined);
    throw error;
  }
  await deps.audit.record({
    actor: options.actor,
    action: 'driftFinding.resync',
    target: dossierCode,
    before: {
      state: finding.state,
      ourStatus: finding.ourStatus,
      portalStatus: finding.portalStatus ?? null,
    },
    after: {
      state: claimed.state,
      messageId: accepted.message.messageId,
      sequence: accepted.message.sequence,
    },
  });
  return { finding: claimed, messageId: accepted.message.messageId, sequence: accepted.message.sequence };
}
