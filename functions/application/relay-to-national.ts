import { dossierSubmissionSchema } from '../../contracts/provincial-api';
import type { QueueEnvelope } from '../../contracts/queue-envelope';
import { decideDelivery } from '../core/decide-delivery';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import { classifyFailure } from '../core/retry-policy';
import { toNationalDossier } from '../core/translate-dossier';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { Logger } from '../ports/logger';
import type { NationalPortal } from '../ports/national-portal';

export interface RelayDependencies {
  readonly store: DossierStore;
  readonly nationalPortal: NationalPortal;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type RelayOutcome = 'delivered' | 'duplicate' | 'parked';

/**
 * Delivers one queued message to the national portal, in per-dossier order. Throws a
 * retryable error when the message must come back later (its predecessor is not delivered
 * yet, or the portal failed transiently); parks it when the portal rejects the record.
 */
export async function relayToNational(
  deps: RelayDependencies,
  envelope: QueueEnvelope,
): Promise<RelayOutcome> {
  const { dossierCode, sequence } = envelope;
  const progress = await deps.store.getDeliveryProgress(dossierCode);
  const decision = decideDelivery(progress.deliveredSequence, sequence);

  if (decision === 'duplicate') {
    const stored = await deps.store.getMessage(dossierCode, sequence);
    if (stored?.state === 'accepted') {
      await deps.store.recordDelivery(
        dossierCode,
        sequence,
        {
          at: deps.clock.now().toISOString(),
          outcome: 'delivered',
          latencyMs: 0,
          detail: 'delivered before a restart',
        },
        { nationalSynced: progress.nationalSynced },
      );
    }
    return 'duplicate';
  }
  if (decision === 'wait') {
    throw new GatewayError(
      'national.transient',
      `waiting for message ${progress.deliveredSequence + 1} of ${dossierCode}`,
      {
        details: { waitingFor: progress.deliveredSequence + 1 },
      },
    );
  }

  const message = await deps.store.getMessage(dossierCode, sequence);
  if (!message) throw new Error(`queued message ${dossierCode}#${sequence} is not in the store`);
  const startedAt = deps.clock.now();
  try {
    const dossier = dossierSubmissionSchema.parse(message.payload);
    const acknowledgement = await deps.nationalPortal.syncDossier(
      message.agencyCode,
      toNationalDossier(dossier),
      progress.nationalSynced,
    );
    const finishedAt = deps.clock.now();
    await deps.store.recordDelivery(
      dossierCode,
      sequence,
      {
        at: finishedAt.toISOString(),
        outcome: 'delivered',
        latencyMs: finishedAt.getTime() - startedAt.getTime(),
        detail: `DongBoHoSoMC error_code ${acknowledgement.errorCode}${acknowledgement.switchedToUpdate ? ' (switched to update)' : ''}`,
      },
      { nationalSynced: true, nationalStatus: dossier.status, lastSyncedAt: finishedAt.toISOString() },
    );
    deps.logger.info('delivered to national portal', { dossierCode, sequence });
    return 'delivered';
  } catch (error) {
    const failedAt = deps.clock.now();
    const failure = error instanceof Error ? error : new Error(String(error));
    const verdict = classifyFailure(failure);
    await deps.store.recordFailedAttempt(
      dossierCode,
      sequence,
      {
        at: failedAt.toISOString(),
        outcome: verdict.retry ? 'failed' : 'parked',
        latencyMs: failedAt.getTime() - startedAt.getTime(),
        detail: failure.message,
      },
      verdict.retry ? 'accepted' : 'parked',
    );
    if (!verdict.retry) {
      deps.logger.warn('parked: national portal rejected the message', {
        dossierCode,
        sequence,
        error: failure.message,
      });
      return 'parked';
    }
    throw isGatewayError(failure)
      ? failure
      : new GatewayError('national.transient', failure.message, { cause: failure });
  }
}
