import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  dossierStatuses,
  dossierTransitions,
  nationalStatusCode,
  statusFromNationalCode,
} from '../../contracts/dossier-status';

describe('dossier status machine', () => {
  it('maps every provincial status to its national code and back', () => {
    for (const status of dossierStatuses) {
      expect(statusFromNationalCode(nationalStatusCode(status.name))).toBe(status.name);
    }
    expect(nationalStatusCode('awaiting_payment')).toBe(6);
  });

  it('allows the moves DOMAIN.md lists', () => {
    expect(checkTransition('submitted', 'received')).toEqual({ allowed: true });
    expect(checkTransition('processing', 'processing')).toEqual({ allowed: true });
    expect(checkTransition('resolved', 'returned')).toEqual({ allowed: true });
  });

  it('refuses a move out of a final status and says the status is final', () => {
    const verdict = checkTransition('returned', 'processing');
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toContain("final status 'returned'");
  });

  it('refuses a skipped step and lists what is allowed instead', () => {
    const verdict = checkTransition('submitted', 'resolved');
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.allowedNext).toEqual(['received', 'refused', 'withdrawn']);
      expect(verdict.reason).toContain("cannot move from 'submitted' to 'resolved'");
    }
  });

  it('gives final statuses no way out and every other status at least one', () => {
    for (const status of dossierStatuses) {
      expect(dossierTransitions[status.name].length === 0).toBe(status.final);
    }
  });
});
