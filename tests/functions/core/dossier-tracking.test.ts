import { describe, expect, it } from 'vitest';
import type { DossierStatus } from '../../../contracts/dossier-status';
import { type TrackingInput, trackNationalDelivery } from '../../../functions/core/dossier-tracking';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';

const paused: DossierStatus[] = ['awaiting_supplement', 'awaiting_payment'];
const dossier = aDossier({ dossierCode: '000.00.12.H12-250314-0101', channel: 'online' });
const facts = {
  agencyCode: '000.00.12.H12',
  procedureCode: dossier.procedureCode,
  online: true,
  receivedAt: '2025-03-14T01:30:00.000Z',
  dueAt: '2025-03-17T10:00:00.000Z',
};

function track(
  previousStatus: DossierStatus | undefined,
  next: TrackingInput['next'],
  overrides: Partial<TrackingInput> = {},
) {
  return trackNationalDelivery({
    agencyCode: '000.00.12.H12',
    dossierCode: dossier.dossierCode,
    previousStatus,
    facts: previousStatus ? facts : {},
    overdueNoticeFor: undefined,
    acceptedAt: '2025-03-20T00:00:00.000Z',
    next,
    pausedStatuses: paused,
    ...overrides,
  });
}

const status = (name: DossierStatus, minutes: number, extra = {}) => ({
  kind: 'status' as const,
  change: { ...aStatusChange('e', name, minutes), ...extra },
});

describe('tracking a dossier as its messages reach the portal', () => {
  it('marks a desk reception on the day of receivedAt and starts watching its promised date', () => {
    const update = track(undefined, { kind: 'dossier', dossier });
    expect(update.events).toEqual([
      expect.objectContaining({
        milestone: 'received',
        day: '2025-03-14',
        online: true,
        procedureCode: dossier.procedureCode,
      }),
    ]);
    expect(update.watchDeadline).toBe('2025-03-17T10:00:00.000Z');
    expect(update.facts).toMatchObject({ agencyCode: '000.00.12.H12', online: true });
  });

  it('marks nothing for a new version or a processing step, and keeps the facts', () => {
    expect(
      track('processing', { kind: 'dossier', dossier: { ...dossier, status: 'processing', version: 2 } })
        .events,
    ).toEqual([]);
    const step = track('processing', status('processing', 60));
    expect(step.events).toEqual([]);
    expect(step.facts).toEqual(facts);
  });

  it('judges a finish against the promised date in force, moved by the change itself if it moves it', () => {
    const onTime = track('processing', status('resolved', 60));
    expect(onTime.events).toEqual([expect.objectContaining({ milestone: 'finished', onTime: true })]);
    expect(onTime.watchDeadline).toBeNull();
    const late = track('processing', status('resolved', 5 * 24 * 60));
    expect(late.events).toEqual([
      expect.objectContaining({ milestone: 'finished', onTime: false, day: '2025-03-19' }),
    ]);
    const extended = track(
      'processing',
      status('resolved', 5 * 24 * 60, { dueAt: '2025-03-21T17:00:00+07:00' }),
    );
    expect(extended.events).toEqual([expect.objectContaining({ onTime: true })]);
    // 9 then 10 is one finish.
    expect(track('resolved', status('returned', 6 * 24 * 60)).events).toEqual([]);
  });

  it('counts a refusal, a withdrawal before reception and a stop after it as they are', () => {
    expect(track('submitted', status('refused', 10)).events.map((event) => event.milestone)).toEqual([
      'refused',
    ]);
    expect(track('submitted', status('withdrawn', 10)).events.map((event) => event.milestone)).toEqual([
      'closed',
    ]);
    expect(track('submitted', status('received', 10)).events.map((event) => event.milestone)).toEqual([
      'received',
    ]);
    expect(track('processing', status('stopped', 10)).events.map((event) => event.milestone)).toEqual([
      'closed',
    ]);
  });

  it('stops the clock while the dossier waits for the citizen, and after the overdue notice for that date', () => {
    expect(track('processing', status('awaiting_supplement', 10)).watchDeadline).toBeNull();
    expect(track('awaiting_supplement', status('processing', 20)).watchDeadline).toBe(facts.dueAt);
    expect(
      track('processing', status('processing', 20), { overdueNoticeFor: facts.dueAt }).watchDeadline,
    ).toBeNull();
    const moved = track('processing', status('processing', 20, { dueAt: '2025-03-21T17:00:00+07:00' }), {
      overdueNoticeFor: facts.dueAt,
    });
    expect(moved.watchDeadline).toBe('2025-03-21T10:00:00.000Z');
  });
});
