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

function track(next: TrackingInput['next'], overrides: Partial<TrackingInput> = {}) {
  return trackNationalDelivery({
    agencyCode: '000.00.12.H12',
    facts,
    overdueNoticeFor: undefined,
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
  it('remembers a new dossier’s facts and starts watching its promised date', () => {
    const update = track({ kind: 'dossier', dossier }, { facts: {} });
    expect(update.watchDeadline).toBe('2025-03-17T10:00:00.000Z');
    expect(update.facts).toMatchObject({ agencyCode: '000.00.12.H12', online: true });
  });

  it('keeps the facts through a processing step, and moves the promised date with a change that moves it', () => {
    expect(track(status('processing', 60)).facts).toEqual(facts);
    const moved = track(status('processing', 60, { dueAt: '2025-03-21T17:00:00+07:00' }));
    expect(moved.facts.dueAt).toBe('2025-03-21T10:00:00.000Z');
  });

  it('stops watching once the dossier is finished, refused, withdrawn or stopped', () => {
    for (const ended of ['resolved', 'returned', 'refused', 'withdrawn', 'stopped'] as const) {
      expect(track(status(ended, 60)).watchDeadline).toBeNull();
    }
  });

  it('stops the clock while the dossier waits for the citizen, and after the overdue notice for that date', () => {
    expect(track(status('awaiting_supplement', 10)).watchDeadline).toBeNull();
    expect(track(status('processing', 20)).watchDeadline).toBe(facts.dueAt);
    expect(track(status('processing', 20), { overdueNoticeFor: facts.dueAt }).watchDeadline).toBeNull();
    const moved = track(status('processing', 20, { dueAt: '2025-03-21T17:00:00+07:00' }), {
      overdueNoticeFor: facts.dueAt,
    });
    expect(moved.watchDeadline).toBe('2025-03-21T10:00:00.000Z');
  });
});
