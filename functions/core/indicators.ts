import type { IndicatorEvent } from './dossier-tracking';

/** A period of Vietnam calendar days, both ends included (yyyy-MM-dd). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/**
 * The service-quality figures of one agency (or one of its procedures) over a period, with the
 * national definitions (DOMAIN.md): received in the period (statuses other than 1 and 3),
 * finished in it (9 or 10), of those on time or late against the promised date, still in progress
 * at its end (received by then, neither finished nor closed), refused at intake in it, and the
 * share of received dossiers submitted online.
 */
export interface IndicatorFigures {
  readonly received: number;
  readonly receivedOnline: number;
  readonly finished: number;
  readonly finishedOnTime: number;
  readonly finishedLate: number;
  readonly inProgress: number;
  readonly refused: number;
  /** finishedOnTime / finished; null when nothing finished. */
  readonly onTimeRate: number | null;
  /** receivedOnline / received; null when nothing was received. */
  readonly onlineShare: number | null;
}

export interface AgencyIndicatorRow extends IndicatorFigures {
  readonly agencyCode: string;
  readonly procedures: ({ readonly procedureCode: string } & IndicatorFigures)[];
}

interface Tally {
  received: number;
  receivedOnline: number;
  finished: number;
  finishedOnTime: number;
  finishedLate: number;
  inProgress: number;
  refused: number;
}

const emptyTally = (): Tally => ({
  received: 0,
  receivedOnline: 0,
  finished: 0,
  finishedOnTime: 0,
  finishedLate: 0,
  inProgress: 0,
  refused: 0,
});

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function figures(tally: Tally): IndicatorFigures {
  return {
    ...tally,
    onTimeRate: ratio(tally.finishedOnTime, tally.finished),
    onlineShare: ratio(tally.receivedOnline, tally.received),
  };
}

const UNKNOWN_PROCEDURE = 'unknown';

/**
 * Computes one agency's figures from its dossiers' recorded moments up to the period's end
 * (earlier moments are needed for what is still in progress). Each dossier counts once per
 * moment: the first of each kind wins if a moment was somehow recorded twice.
 */
export function computeAgencyIndicators(
  agencyCode: string,
  events: readonly IndicatorEvent[],
  period: Period,
): AgencyIndicatorRow {
  const byDossier = new Map<string, Map<IndicatorEvent['milestone'], IndicatorEvent>>();
  for (const event of events) {
    if (event.day > period.to) continue;
    const moments = byDossier.get(event.dossierCode) ?? new Map();
    const seen = moments.get(event.milestone);
    if (!seen || event.at < seen.at) moments.set(event.milestone, event);
    byDossier.set(event.dossierCode, moments);
  }

  const total = emptyTally();
  const perProcedure = new Map<string, Tally>();
  const inPeriod = (event: IndicatorEvent | undefined): event is IndicatorEvent =>
    event !== undefined && event.day >= period.from && event.day <= period.to;

  for (const moments of byDossier.values()) {
    const received = moments.get('received');
    const refused = moments.get('refused');
    const finished = moments.get('finished');
    const closed = moments.get('closed');
    const procedureCode =
      [received, refused, finished, closed].find((event) => event?.procedureCode)?.procedureCode ??
      UNKNOWN_PROCEDURE;
    const tallies = [total, perProcedure.get(procedureCode) ?? emptyTally()];
    perProcedure.set(procedureCode, tallies[1] as Tally);
    for (const tally of tallies) {
      if (inPeriod(received)) {
        tally.received += 1;
        if (received.online) tally.receivedOnline += 1;
      }
      if (inPeriod(refused)) tally.refused += 1;
      if (inPeriod(finished)) {
        tally.finished += 1;
        // A finish with no promised date on record cannot be late.
        if (finished.onTime === false) tally.finishedLate += 1;
        else tally.finishedOnTime += 1;
      }
      if (received && !finished && !closed) tally.inProgress += 1;
    }
  }

  return {
    agencyCode,
    ...figures(total),
    procedures: [...perProcedure.entries()]
      .filter(([, tally]) => Object.values(tally).some((count) => count > 0))
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([procedureCode, tally]) => ({ procedureCode, ...figures(tally) })),
  };
}
