import type { DriftFinding, DriftFindingState, DriftRunReport } from '../../contracts/drift-check';
import type { Page, PageQuery } from './page';

/** How much of the table one drift-check run may read while it looks for synced dossiers. */
export interface DriftSampleBounds {
  /** Synced dossiers wanted. */
  readonly sampleSize: number;
  /** Items one Scan page evaluates (DynamoDB's Limit: read cost is per item evaluated). */
  readonly scanPageSize: number;
  readonly maxScanPages: number;
}

export interface FindingQuery extends PageQuery {
  readonly states?: readonly DriftFindingState[];
}

/**
 * Drift findings, run reports, and the position of the rolling sample. The sample walks the
 * whole table a bounded slice per run, resuming where the previous run stopped, so every
 * synced dossier is checked in turn without anything written on the delivery path.
 */
export interface DriftRecords {
  /** Codes of dossiers whose national progress says synced, from where the last run stopped. */
  sampleSyncedDossiers(bounds: DriftSampleBounds): Promise<string[]>;
  getFinding(dossierCode: string): Promise<DriftFinding | undefined>;
  /**
   * Writes a finding if its stored revision is still `finding.revision - 1` (absent for 1).
   * Returns false when another writer got there first; the caller leaves it to the next run.
   */
  saveFinding(finding: DriftFinding): Promise<boolean>;
  /** In dossier-code order, a page at a time. */
  listFindings(query: FindingQuery): Promise<Page<DriftFinding>>;
  saveRun(report: DriftRunReport): Promise<void>;
  /** Newest first. */
  listRuns(limit: number): Promise<DriftRunReport[]>;
}
