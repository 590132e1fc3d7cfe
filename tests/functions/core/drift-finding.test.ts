import { describe, expect, it } from 'vitest';
import type { DriftFinding } from '../../../contracts/drift-check';
import { inboundNationalDossierSchema } from '../../../contracts/national-portal';
import {
  canMoveFinding,
  compareWithPortal,
  decideFinding,
  hasMessagesInFlight,
} from '../../../functions/core/drift-finding';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { aDossier, aDriftFinding } from '../../support/fixtures';

const now = '2025-03-15T03:00:00.000Z';
const context = {
  dossierCode: '000.00.12.H12-250314-0001',
  agencyCode: '000.00.12.H12',
  ourStatus: 'processing' as const,
  now,
  newId: () => 'finding-1',
};

/** A finding opened a day before `now`, revised twice since. */
const anOpenFinding = (overrides: Partial<DriftFinding> = {}) =>
  aDriftFinding(context.dossierCode, {
    findingId: 'finding-0',
    agencyCode: context.agencyCode,
    detectedAt: '2025-03-14T03:00:00.000Z',
    lastCheckedAt: '2025-03-14T03:00:00.000Z',
    revision: 3,
    ...overrides,
  });

describe('compareWithPortal', () => {
  const held = inboundNationalDossierSchema.parse(toNationalDossier(aDossier({ status: 'received' })));

  it('agrees when the portal shows the national code of the status last delivered', () => {
    expect(compareWithPortal('received', held)).toEqual({ outcome: 'agree' });
  });

  it('reports the status the portal shows when it differs', () => {
    expect(compareWithPortal('processing', held)).toEqual({ outcome: 'status', portalStatus: '2' });
  });

  it('reports a dossier the portal holds no record of', () => {
    expect(compareWithPortal('processing', undefined)).toEqual({ outcome: 'missing' });
  });
});

describe('hasMessagesInFlight', () => {
  const progress = { deliveredSequence: 3, nationalSynced: true };

  it('is false when every accepted message is delivered (or discarded past)', () => {
    expect(hasMessagesInFlight(progress, [{ sequence: 1 }, { sequence: 2 }, { sequence: 3 }])).toBe(false);
  });

  it('is true when a message beyond the delivered one is still on its way', () => {
    expect(hasMessagesInFlight(progress, [{ sequence: 3 }, { sequence: 4 }])).toBe(true);
  });

  it('is true while a message of the dossier is parked', () => {
    expect(hasMessagesInFlight({ ...progress, parkedSequence: 3 }, [{ sequence: 3 }])).toBe(true);
  });
});

describe('decideFinding', () => {
  it('opens a finding for a first drift, with a new id and revision 1', () => {
    expect(decideFinding(undefined, { outcome: 'status', portalStatus: '2' }, context)).toEqual({
      change: 'opened',
      finding: {
        findingId: 'finding-1',
        dossierCode: context.dossierCode,
        agencyCode: context.agencyCode,
        state: 'open',
        kind: 'status',
        ourStatus: 'processing',
        portalStatus: '2',
        detectedAt: now,
        lastCheckedAt: now,
        revision: 1,
        resyncs: 0,
      },
    });
  });

  it('changes nothing when the portal agrees and there is no live finding', () => {
    expect(decideFinding(undefined, { outcome: 'agree' }, context)).toEqual({ change: 'none' });
    expect(decideFinding(anOpenFinding({ state: 'resolved' }), { outcome: 'agree' }, context)).toEqual({
      change: 'none',
    });
  });

  it('keeps an open finding open, updating what was seen, when the drift persists', () => {
    const decision = decideFinding(anOpenFinding(), { outcome: 'missing' }, context);
    expect(decision).toMatchObject({
      change: 'updated',
      finding: { findingId: 'finding-0', state: 'open', kind: 'missing', lastCheckedAt: now, revision: 4 },
    });
    expect(decision.change !== 'none' && decision.finding.portalStatus).toBeUndefined();
  });

  it('reopens a re-synced finding whose re-sync did not take', () => {
    const resynced = anOpenFinding({ state: 'resynced', resyncs: 1, resyncedBy: 'demo-admin' });
    expect(decideFinding(resynced, { outcome: 'status', portalStatus: '2' }, context)).toMatchObject({
      change: 'opened',
      finding: { findingId: 'finding-0', state: 'open', resyncs: 1, revision: 4 },
    });
  });

  it('resolves an open or re-synced finding once the portal agrees', () => {
    for (const state of ['open', 'resynced'] as const) {
      expect(decideFinding(anOpenFinding({ state }), { outcome: 'agree' }, context)).toMatchObject({
        change: 'resolved',
        finding: { state: 'resolved', resolvedAt: now, revision: 4 },
      });
    }
  });

  it('opens a new finding over a resolved one that drifts again, continuing its revision', () => {
    const resolved = anOpenFinding({ state: 'resolved', resolvedAt: now, resyncs: 2 });
    expect(decideFinding(resolved, { outcome: 'status', portalStatus: '4' }, context)).toMatchObject({
      change: 'opened',
      finding: { findingId: 'finding-1', state: 'open', resyncs: 0, revision: 4, detectedAt: now },
    });
  });
});

describe('finding moves', () => {
  it('lets only an open finding be re-synced', () => {
    expect(canMoveFinding('open', 'resynced')).toBe(true);
    expect(canMoveFinding('resynced', 'resynced')).toBe(false);
    expect(canMoveFinding('resolved', 'resynced')).toBe(false);
  });
});
