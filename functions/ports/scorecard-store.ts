import type { IndicatorVerdict } from '../core/scorecard/indicator-verdict';
import type { ScorecardDossier } from '../core/scorecard/scorecard-dossier';
import type { ScorecardPlacement } from '../core/scorecard/scorecard-placement';

/** A dossier's QĐ 766 fact sheet as the relay last folded it, and where its verdicts are to be kept. */
export interface ScorecardEntry {
  readonly sheet: ScorecardDossier;
  /** The last national message folded in: a redelivery of it (or of an earlier one) changes nothing. */
  readonly sequence: number;
  readonly placement: ScorecardPlacement;
}

/** A saved entry: its sheet and where its verdicts are, without them. */
export interface SavedScorecardEntry {
  readonly sheet: ScorecardDossier;
  readonly sequence: number;
  readonly placedMonths: readonly string[];
  /** The open list's day it is under, while it is open. */
  readonly openFirstDay?: string;
}

/**
 * The scorecard's inputs and verdicts (ADR 14): written by the national relay after each
 * delivery, read per month without looking at any other month or at the dossiers' messages.
 */
export interface ScorecardStore {
  get(dossierCode: string): Promise<SavedScorecardEntry | undefined>;
  /**
   * Places the entry's verdicts (final ones under their months, an open dossier on the open
   * list), clears what `previous` placed elsewhere, and keeps the entry, after the clearing: a
   * crash half-way may leave the entry stored ahead of its rows, never naming rows already
   * cleared; writing the same entry again ends in the same rows.
   */
  save(entry: ScorecardEntry, previous: SavedScorecardEntry | undefined): Promise<void>;
  /** Every final verdict whose span touches the month (yyyy-MM), of every unit. */
  verdictsOfMonth(month: string): Promise<IndicatorVerdict[]>;
  /** The fact sheets of open dossiers whose first day is on or before `through` (yyyy-MM-dd). */
  openDossiersThrough(through: string): Promise<ScorecardDossier[]>;
}
