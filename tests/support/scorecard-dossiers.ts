import type { DossierStatus } from '../../contracts/dossier-status';
import { type ScorecardRules, scorecardRulesSchema } from '../../contracts/scorecard';
import type { ScorecardDossier, ScorecardFeedback } from '../../functions/core/scorecard/scorecard-dossier';
import { createWorkingCalendar } from '../../functions/core/working-calendar';

/**
 * Hand-worked QĐ 766 cases are written in Vietnam wall-clock time: `vn('2025-03-07 17:00')`.
 * March 2025 has no holiday (Mon 3, Fri 7, Mon 10, Mon 17 …); the calendar below also holds the
 * 2025 April–May block (Mon 7 April, Wed 30 April, Thu 1 and Fri 2 May; Saturday 26 April worked).
 */
export const vn = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+07:00`).toISOString();

export const testCalendar = createWorkingCalendar({
  version: 'scorecard-test',
  coversThrough: '2025-12-31',
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: [
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi' },
  ],
  workingWeekendDays: [{ date: '2025-04-26', name: 'Làm bù cho ngày 2/5' }],
});

export const sheetRules = (overrides: Record<string, unknown> = {}): ScorecardRules =>
  scorecardRulesSchema.parse(overrides);

export const UNIT = '000.00.12.H12';
export const PROCEDURE = '1.010708.000.00.00.H12';

let sequence = 0;

/**
 * A dossier received at the desk on Monday 3 March 2025 08:00, promised for Friday 7 March 17:00,
 * being processed, synced, with a submitted file; change what a case is about.
 */
export function aScorecardDossier(overrides: Partial<ScorecardDossier> = {}): ScorecardDossier {
  sequence += 1;
  return {
    dossierCode: `${UNIT}-250303-${String(sequence).padStart(4, '0')}`,
    agencyCode: UNIT,
    procedureCode: PROCEDURE,
    channel: 'counter',
    receivedAt: vn('2025-03-03 08:00'),
    dueAt: vn('2025-03-07 17:00'),
    statusHistory: [
      { status: 'received', at: vn('2025-03-03 08:00') },
      { status: 'processing', at: vn('2025-03-03 09:00') },
    ],
    documents: [{ url: 'https://files.example.vn/to-khai.pdf' }],
    syncedAt: vn('2025-03-03 08:05'),
    ...overrides,
  };
}

/** The base dossier's history followed by these moves. */
export const movedTo = (...moves: [DossierStatus, string][]): ScorecardDossier['statusHistory'] => [
  { status: 'received', at: vn('2025-03-03 08:00') },
  { status: 'processing', at: vn('2025-03-03 09:00') },
  ...moves.map(([status, at]) => ({ status, at: vn(at) })),
];

let feedbackSequence = 0;

/** Feedback sent on Monday 3 March 2025 09:00 and received by the agency at 10:00. */
export function aFeedback(overrides: Partial<ScorecardFeedback> = {}): ScorecardFeedback {
  feedbackSequence += 1;
  return {
    feedbackId: `pakn-${feedbackSequence}`,
    agencyCode: UNIT,
    sentAt: vn('2025-03-03 09:00'),
    receivedAt: vn('2025-03-03 10:00'),
    ...overrides,
  };
}

/** A supplement request of a status change (contract v1.1), answered when `receivedAt` is given. */
export const aSupplementRequest = (id: string, requestedAt: string, receivedAt?: string) => ({
  id,
  requestedBy: 'Bộ phận một cửa',
  content: 'Bổ sung bản sao giấy khai sinh',
  requestedAt,
  ...(receivedAt ? { receivedAt } : {}),
});
