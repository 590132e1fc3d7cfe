import { describe, expect, it } from 'vitest';
import { createInMemoryScorecardStore } from '../../../../functions/adapters/in-memory/scorecard-store';
import { readScorecard, readScorecardExplanation } from '../../../../functions/application/read-scorecard';
import { classifyDossier } from '../../../../functions/core/scorecard/classify-dossier';
import { placeVerdicts } from '../../../../functions/core/scorecard/scorecard-placement';
import { explanationSheet, scorecardSheet, toCsv } from '../../../../functions/http/console/scorecard-export';
import { aScorecardDossier, movedTo, sheetRules, testCalendar } from '../../../support/scorecard-dossiers';

const now = new Date('2025-05-15T05:00:00Z');

async function storedMarch() {
  const scorecard = createInMemoryScorecardStore();
  const late = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-11 16:00']) });
  const early = aScorecardDossier({ statusHistory: movedTo(['resolved', '2025-03-05 10:00']) });
  for (const sheet of [late, early]) {
    const placement = placeVerdicts(classifyDossier(sheet, { asOf: now }, sheetRules(), testCalendar));
    await scorecard.save({ sheet, sequence: 1, placement }, undefined);
  }
  const deps = { scorecard, scorecardRules: sheetRules(), calendar: testCalendar, clock: { now: () => now } };
  return { deps, late, query: { from: '2025-03-01', to: '2025-03-31', agencyCode: late.agencyCode } };
}

describe('the scorecard exports, as a monthly report takes them', () => {
  it('puts the period and the unit in a title row, Vietnamese headers, one row per indicator, N/A said in words', async () => {
    const { deps, query } = await storedMarch();
    const sheet = scorecardSheet((await readScorecard(deps, query)).report);
    expect(sheet.title).toBe(
      'Chỉ số phục vụ theo Quyết định 766/QĐ-TTg. Kỳ báo cáo: 01/03/2025 – 31/03/2025. Đơn vị: 000.00.12.H12',
    );
    const onTime = sheet.rows.find((row) => row[0] === '2.1');
    expect(onTime?.slice(2, 5)).toEqual([1, 2, 50]);
    expect(sheet.rows.find((row) => row[0] === '5.1')?.at(-1)).toBe('Không áp dụng (mẫu số bằng 0)');

    const csv = toCsv(sheet);
    expect(csv.startsWith('\uFEFFChỉ số phục vụ theo Quyết định 766/QĐ-TTg.')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('Mã chỉ số,Tên chỉ số,Tử số,Mẫu số,Tỷ lệ (%),Đạt điểm tối đa từ (%),Điểm,Ghi chú');
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
});
