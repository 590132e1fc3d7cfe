import type { DriftRunReport } from '../../contracts/drift-check';
import { compareWithPortal, decideFinding, hasMessagesInFlight } from '../core/drift-finding';
import type { Clock } from '../ports/clock';
import type { DossierStore } from '../ports/dossier-store';
import type { DriftRecords, DriftSampleBounds } from '../ports/drift-records';
import type { Logger } from '../ports/logger';
import type { NationalPortal } from '../ports/national-portal';

export interface DriftCheckSettings extends DriftSampleBounds {
  /** Open and resynced findings checked again in every run, before the sample. */
  readonly recheckLimit: number;
  /** Look-ups in flight at once: kept small so the relay keeps most of the portal's quota. */
  readonly concurrency: number;
}

export interface DriftCheckDependencies {
  readonly store: DossierStore;
  readonly nationalPortal: NationalPortal;
  readonly drift: DriftRecords;
  readonly driftCheck: DriftCheckSettings;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
}

type Outcome = 'inFlight' | 'agreed' | 'drifted' | 'missingAtPortal' | 'error';
type Tally = Record<Outcome | 'opened' | 'resolved', number>;

/**
 * One drift check: the open findings again, then a rolling sample of synced dossiers; for each
 * one with nothing on its way to the portal, TraCuuHoSo against the status the gateway last
 * delivered there. Findings are opened, kept, reopened or resolved; the run is reported.
 */
export async function checkDrift(deps: DriftCheckDependencies): Promise<DriftRunReport> {
  const startedAt = deps.clock.now().toISOString();
  const settings = deps.driftCheck;
  const unresolved = await deps.drift.listFindings({
    states: ['open', 'resynced'],
    limit: settings.recheckLimit,
  });
  const sample = await deps.drift.sampleSyncedDossiers(settings);
  const codes = [...new Set([...unresolved.items.map((finding) => finding.dossierCode), ...sample])];
  const tally: Tally = {
    inFlight: 0,
    agreed: 0,
    drifted: 0,
    missingAtPortal: 0,
    error: 0,
    opened: 0,
    resolved: 0,
  };

  async function checkOne(dossierCode: string): Promise<void> {
    const [history, progress] = await Promise.all([
      deps.store.listMessages('national', dossierCode),
      deps.store.getDeliveryProgress('national', dossierCode),
    ]);
    const agencyCode = history[0]?.agencyCode;
    const ours = progress.nationalStatus;
    if (!agencyCode || !ours || !progress.nationalSynced || hasMessagesInFlight(progress, history)) {
      tally.inFlight += 1;
      return;
    }
    let held: Awaited<ReturnType<NationalPortal['lookupDossier']>>;
    try {
      held = await deps.nationalPortal.lookupDossier(agencyCode, dossierCode);
    } catch (error) {
      tally.error += 1;
      deps.logger.warn('drift check: look-up failed', { dossierCode, error: (error as Error).message });
      return;
    }
    // A message delivered while the portal was asked: what it showed may predate it.
    const after = await deps.store.getDeliveryProgress('national', dossierCode);
    if (after.deliveredSequence !== progress.deliveredSequence) {
      tally.inFlight += 1;
      return;
    }
    const verdict = compareWithPortal(ours, held);
    tally[
      verdict.outcome === 'agree' ? 'agreed' : verdict.outcome === 'status' ? 'drifted' : 'missingAtPortal'
    ] += 1;
    const decision = decideFinding(await deps.drift.getFinding(dossierCode), verdict, {
      dossierCode,
      agencyCode,
      ourStatus: ours,
      now: deps.clock.now().toISOString(),
      newId: deps.newId,
    });
    if (decision.change === 'none') return;
    if (!(await deps.drift.saveFinding(decision.finding))) return;
    if (decision.change === 'opened') tally.opened += 1;
    if (decision.change === 'resolved') tally.resolved += 1;
    if (decision.change === 'opened') {
      deps.logger.warn('drift: the national portal differs from what the gateway delivered', {
        dossierCode,
        kind: decision.finding.kind,
        ourStatus: ours,
        portalStatus: decision.finding.portalStatus,
      });
    }
  }

  // A fixed number of workers over the list: bounded, and gentle on the portal's quota.
  const queue = [...codes];
  const worker = async () => {
    for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
      await checkOne(code).catch((error: unknown) => {
        tally.error += 1;
        deps.logger.error('drift check of a dossier failed', {
          dossierCode: code,
          error: (error as Error).message,
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));

  const report: DriftRunReport = {
    runId: deps.newId(),
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    sampled: codes.length,
    checked: tally.agreed + tally.drifted + tally.missingAtPortal,
    skippedInFlight: tally.inFlight,
    agreed: tally.agreed,
    drifted: tally.drifted,
    missingAtPortal: tally.missingAtPortal,
    errors: tally.error,
    opened: tally.opened,
    resolved: tally.resolved,
  };
  await deps.drift.saveRun(report);
  deps.logger.info('drift check finished', { ...report });
  return report;
}
