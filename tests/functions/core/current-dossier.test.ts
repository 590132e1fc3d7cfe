import { describe, expect, it } from 'vitest';
import { currentDossierOf, derivedMoments } from '../../../functions/core/current-dossier';
import { aDossier } from '../../support/fixtures';
import { aStatusChange } from '../../support/national-fixtures';
import { aSupplementRequest } from '../../support/scorecard-dossiers';

const result = (id: string, name: string) => ({
  id,
  name,
  url: `https://files.example.vn/${id}.pdf`,
  resultCode: 'KQ01',
});

describe('currentDossierOf', () => {
  it('takes the latest version with the current status and the last promised date a change set', () => {
    const version = aDossier({ status: 'received', dueAt: '2025-03-17T17:00:00+07:00' });
    const moved = { ...aStatusChange('e1', 'awaiting_supplement', 5), dueAt: '2025-03-20T17:00:00+07:00' };
    const after = aStatusChange('e2', 'processing', 10);
    expect(currentDossierOf(version, [moved, after], 'processing')).toEqual({
      ...version,
      status: 'processing',
      dueAt: '2025-03-20T17:00:00+07:00',
    });
  });

  it('adds the results the changes issued, a result with a known id replacing it', () => {
    const version = aDossier({ results: [result('kq-1', 'draft')] });
    const issued = {
      ...aStatusChange('e1', 'resolved', 5),
      results: [result('kq-1', 'final'), result('kq-2', 'copy')],
    };
    expect(
      currentDossierOf(version, [issued], 'resolved').results?.map((item) => [item.id, item.name]),
    ).toEqual([
      ['kq-1', 'final'],
      ['kq-2', 'copy'],
    ]);
  });

  it('records a supplement request, then its completion under the same id', () => {
    const requestedAt = '2025-03-15T09:00:00+07:00';
    const completed = aSupplementRequest('bs-1', requestedAt, '2025-03-16T14:00:00+07:00');
    const asked = {
      ...aStatusChange('e1', 'awaiting_supplement', 5),
      supplement: aSupplementRequest('bs-1', requestedAt),
    };
    const answered = { ...aStatusChange('e2', 'processing', 10), supplement: completed };
    expect(currentDossierOf(aDossier(), [asked, answered], 'processing').supplements).toEqual([completed]);
  });
});

describe('derivedMoments [766 2.1: end of processing]', () => {
  const at = (hour: number) => `2025-03-16T${String(hour).padStart(2, '0')}:00:00Z`;

  it('ends processing at "resolved", else "returned", else stopping, refusal or withdrawal', () => {
    expect(
      derivedMoments(aDossier(), [
        { status: 'resolved', at: at(1) },
        { status: 'returned', at: at(2) },
      ]),
    ).toEqual({ finishedAt: at(1), returnedAt: at(2) });
    expect(derivedMoments(aDossier(), [{ status: 'returned', at: at(3) }])).toEqual({
      finishedAt: at(3),
      returnedAt: at(3),
    });
    expect(derivedMoments(aDossier(), [{ status: 'withdrawn', at: at(4) }])).toEqual({ finishedAt: at(4) });
  });

  it('gives nothing for a dossier still open', () => {
    expect(derivedMoments(aDossier(), [{ status: 'processing', at: at(1) }])).toEqual({});
  });

  it('keeps what the province sent over what the history shows', () => {
    const dossier = aDossier({ finishedAt: '2025-03-16T00:30:00Z', returnedAt: '2025-03-16T05:00:00Z' });
    expect(derivedMoments(dossier, [{ status: 'resolved', at: at(1) }])).toEqual({
      finishedAt: '2025-03-16T00:30:00Z',
      returnedAt: '2025-03-16T05:00:00Z',
    });
  });
});
