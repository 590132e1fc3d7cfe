import type { IndicatorEvent } from '../core/dossier-tracking';

/**
 * The moments each dossier reached, per agency: the ground truth the indicators are computed
 * from. Recording is idempotent (a moment has one key per dossier), so a relay that delivers a
 * message twice after a crash counts it once.
 */
export interface IndicatorLedger {
  record(events: readonly IndicatorEvent[]): Promise<void>;
  /** An agency's moments up to and including the Vietnam day `through`, oldest first. */
  listThrough(agencyCode: string, through: string): Promise<IndicatorEvent[]>;
  /** Every agency with a recorded moment. */
  agencies(): Promise<string[]>;
}
