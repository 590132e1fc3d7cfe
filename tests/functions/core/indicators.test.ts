import { describe, expect, it } from 'vitest';
import type { IndicatorEvent, Milestone } from '../../../functions/core/dossier-tracking';
import { computeAgencyIndicators } from '../../../functions/core/indicators';

const agencyCode = '000.00.12.H12';
function moment(
  dossier: string,
  milestone: Milestone,
  day: string,
  extra: Partial<IndicatorEvent> = {},
): IndicatorEvent {
  return {
    agencyCode,
    dossierCode: dossier,
    milestone,
    day,
    at: `${day}T03:00:00.000Z`,
    procedureCode: 'P1',
    ...extra,
  };
}

describe('indicators of an agency for a period', () => {
  const events = [
    moment('A', 'received', '2025-02-27'),
    moment('A', 'finished', '2025-03-03', { onTime: true }),
    moment('B', 'received', '2025-03-02', { online: true }),
    moment('B', 'finished', '2025-03-20', { onTime: false }),
    moment('C', 'received', '2025-03-05', { procedureCode: 'P2' }),
    moment('D', 'refused', '2025-03-06'),
    moment('E', 'received', '2025-03-07'),
    moment('E', 'closed', '2025-03-08'),
    moment('F', 'received', '2025-04-02'),
    // Recorded twice (a redelivery on another day cannot happen, but a copy must not count twice).
    moment('C', 'received', '2025-03-05', { procedureCode: 'P2' }),
  ];

  it('counts flows inside the period and what is open at its end', () => {
    const row = computeAgencyIndicators(agencyCode, events, { from: '2025-03-01', to: '2025-03-31' });
    expect(row).toMatchObject({
      received: 3,
      receivedOnline: 1,
      finished: 2,
      finishedOnTime: 1,
      finishedLate: 1,
      inProgress: 1,
      refused: 1,
      onlineShare: 1 / 3,
      onTimeRate: 0.5,
    });
    expect(
      row.procedures.map((procedure) => [procedure.procedureCode, procedure.received, procedure.inProgress]),
    ).toEqual([
      ['P1', 2, 0],
      ['P2', 1, 1],
    ]);
  });

  it('ignores what happened after the period and has no rates when nothing happened', () => {
    const row = computeAgencyIndicators(agencyCode, events, { from: '2025-03-01', to: '2025-03-04' });
    expect(row).toMatchObject({ received: 1, finished: 1, inProgress: 1 });
    const empty = computeAgencyIndicators(agencyCode, [], { from: '2025-03-01', to: '2025-03-31' });
    expect(empty).toMatchObject({ received: 0, onTimeRate: null, onlineShare: null, procedures: [] });
  });
});
