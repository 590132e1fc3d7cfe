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

  it('allows exactly the moves DOMAIN.md lists, pair by pair, and nothing else', () => {
    // DOMAIN.md, "Dossier status": 1→2|3|7; 2→4|5|6|7|8; 4→4|5|6|8|9|7; 5→4|7|8; 6→4|9|7|8; 9→10.
    const domain: Record<number, number[]> = {
      1: [2, 3, 7],
      2: [4, 5, 6, 7, 8],
      4: [4, 5, 6, 8, 9, 7],
      5: [4, 7, 8],
      6: [4, 9, 7, 8],
      9: [10],
    };
    for (const from of dossierStatuses) {
      for (const to of dossierStatuses) {
        const listed = domain[from.code]?.includes(to.code) ?? false;
        expect(checkTransition(from.name, to.name).allowed, `${from.code} -> ${to.code}`).toBe(listed);
      }
    }
  });

  it('says why in both languages whenever it refuses', () => {
    for (const from of dossierStatuses) {
      for (const to of dossierStatuses) {
        const verdict = checkTransition(from.name, to.name);
        if (!verdict.allowed) expect(verdict.reason).toMatch(/^.*[^\p{ASCII}].* \/ [A-Z]/u);
      }
    }
  });

  it('knows no national code outside 1-10', () => {
    expect(statusFromNationalCode(0)).toBeUndefined();
    expect(statusFromNationalCode(11)).toBeUndefined();
  });

  it('gives final statuses no way out and every other status at least one', () => {
    for (const status of dossierStatuses) {
      expect(dossierTransitions[status.name].length === 0).toBe(status.final);
    }
  });
});
