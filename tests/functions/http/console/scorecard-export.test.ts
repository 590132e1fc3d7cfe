import { describe, expect, it } from 'vitest';
import { createInMemoryScorecardStore } from '../../../../functions/adapters/in-memory/scorecard-store';
import { readScorecard, readScorecardExplanation } from '../../../../functions/application/read-scorecard';
import { classifyDossier } from '../../../../functions/core/scorecard/classify-dossier';
import { placeVerdicts } from '../../../../functions/core/scorecard/scorecard-placement';
import {
  attachmentDisposition,
  explanationSheet,
  scorecardSheet,
  toCsv,
} from '../../../../functions/http/console/scorecard-export';
import { toXlsx } from '../../../../functions/http/console/scorecard-workbook';
import { aScorecardDossier, movedTo, sheetRules, testCalendar } from '../../../support/scorecard-dossiers';
import { readWorkbook } from '../../../support/workbook';

const now = new Date('2025-05-15T05:00:00Z');

async function storedMarch() {
  const scorecard = createInMemoryScorecardStore();
  const late = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-11 16:00']) });
  const early = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-05 10:00']) });
  const third = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-06 10:00']) });
  for (const sheet of [late, early, third]) {
    const placement = placeVerdicts(classifyDossier(sheet, { asOf: now }, sheetRules(), testCalendar));
    await scorecard.save({ sheet, sequence: 1, placement }, undefined);
  }
  const deps = { scorecard, scorecardRules: sheetRules(), calendar: testCalendar, clock: { now: () => now } };
  return { deps, late, query: { from: '2025-03-01', to: '2025-03-31', agencyCode: late.agencyCode } };
}

const HEADERS = [
  'Mã chỉ số',
  'Tên chỉ số',
  'Tử số',
  'Mẫu số',
  'Tỷ lệ (%)',
  'Điểm',
  'Mức đạt điểm tối đa (%)',
  'Ghi chú',
];

describe('the scorecard exports, as a monthly report takes them', () => {
  it('puts the period and the unit in a title row, Vietnamese headers, one row per indicator, N/A said in words', async () => {
    const { deps, query } = await storedMarch();
    const sheet = scorecardSheet((await readScorecard(deps, query)).report);
    expect(sheet.title).toBe(
      'Chỉ số phục vụ theo Quyết định 766/QĐ-TTg. Kỳ báo cáo: 01/03/2025 – 31/03/2025. Đơn vị: 000.00.12.H12',
    );
    const onTime = sheet.rows.find((row) => row[0] === '2.1');
    expect(onTime?.slice(2, 5)).toEqual([2, 3, 66.67]);
    // Nothing submitted online and paid: zero denominators read N/A, with the reason.
    const paid = sheet.rows.find((row) => row[0] === '3.6');
    expect([paid?.[3], paid?.[4], paid?.at(-1)]).toEqual([0, 'N/A', 'Không áp dụng (mẫu số bằng 0)']);

    const csv = toCsv(sheet);
    expect(csv.startsWith('\uFEFFChỉ số phục vụ theo Quyết định 766/QĐ-TTg.')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(HEADERS.join(','));
  });

  it('lists the satisfaction indicators as N/A with a note while no feedback reaches the gateway', async () => {
    const { deps, query } = await storedMarch();
    const sheet = scorecardSheet((await readScorecard(deps, query)).report);
    const satisfaction = sheet.rows.filter((row) => String(row[0]).startsWith('5.'));
    expect(satisfaction.map((row) => row[0])).toEqual(['5.1', '5.2', '5.3', '5.4']);
    for (const row of satisfaction) {
      expect(row[4]).toBe('N/A');
      expect(row[5]).toBe('');
      expect(row.at(-1)).toContain('chưa nhận được phản ánh, kiến nghị');
    }
    // 5.4 still shows how many dossiers it would count.
    expect(satisfaction.find((row) => row[0] === '5.4')?.[3]).toBe(3);
  });

  it('lists each dossier counted against an indicator with its reason, numbered', async () => {
    const { deps, late, query } = await storedMarch();
    const sheet = explanationSheet(await readScorecardExplanation(deps, '2.1', query));
    expect(sheet.rows).toEqual([
      [1, late.dossierCode, late.agencyCode, late.procedureCode, 'Bị tính', 'trễ 2 ngày làm việc', ''],
    ]);
    expect(toCsv(sheet)).toContain(
      `1,${late.dossierCode},${late.agencyCode},${late.procedureCode},Bị tính,trễ 2 ngày làm việc,`,
    );
  });

  it('writes a workbook a spreadsheet reads back: title across the columns, numbers as numbers, rates at 0.00', async () => {
    const { deps, query } = await storedMarch();
    const sheet = scorecardSheet((await readScorecard(deps, query)).report);
    const workbook = await readWorkbook(await toXlsx(sheet));
    expect(workbook.sheetNames).toEqual(['Chỉ số 766']);
    expect(workbook.rows[0]?.[0]).toBe(sheet.title);
    expect(workbook.merged).toEqual(['A1:H1']);
    expect(workbook.rows[2]).toEqual(HEADERS);
    const onTimeRow = workbook.rows.findIndex((row) => row[0] === '2.1');
    expect(workbook.rows[onTimeRow]?.slice(2, 5)).toEqual([2, 3, 66.67]);
    expect(workbook.numberFormat(`E${onTimeRow + 1}`)).toBe('0.00');
    // A dossier count is not a rate: no decimals forced on it.
    expect(workbook.numberFormat(`D${onTimeRow + 1}`)).toBe('General');
    const paid = workbook.rows.find((row) => row[0] === '3.6');
    expect(paid?.[4]).toBe('N/A');
    expect(workbook.rows).toHaveLength(3 + sheet.rows.length);
  });

  it('names the download in Vietnamese (RFC 6266 filename*) with an ASCII fallback', () => {
    expect(attachmentDisposition('chi-so-766.xlsx', 'Chỉ số 766 (tháng 3).xlsx')).toBe(
      `attachment; filename="chi-so-766.xlsx"; filename*=UTF-8''Ch%E1%BB%89%20s%E1%BB%91%20766%20%28th%C3%A1ng%203%29.xlsx`,
    );
  });
});
