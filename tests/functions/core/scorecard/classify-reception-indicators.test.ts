import { describe, expect, it } from 'vitest';
import type { ScorecardIndicatorId, ScorecardRules } from '../../../../contracts/scorecard';
import { classifyReceptionIndicators } from '../../../../functions/core/scorecard/classify-reception-indicators';
import { describeReason } from '../../../../functions/core/scorecard/describe-reason';
import type { ScorecardDossier } from '../../../../functions/core/scorecard/scorecard-dossier';
import { aScorecardDossier, movedTo, sheetRules, vn } from '../../../support/scorecard-dossiers';

/**
 * Hand-worked cases of the reception-placed dossier indicators [766 1.4, 3.3, 3.6, 4.1–4.5]
 * ("Mô tả công thức tính chỉ số 766.docx", formulaDocument records of those ids).
 */
const on = (id: ScorecardIndicatorId, dossier: ScorecardDossier, rules: ScorecardRules = sheetRules()) =>
  classifyReceptionIndicators(dossier, rules).find((verdict) => verdict.indicator === id);

const reasonsOn = (id: ScorecardIndicatorId, dossier: ScorecardDossier, rules?: ScorecardRules) =>
  on(id, dossier, rules)?.reasons.map((reason) => describeReason(reason).vi);

const resolved = movedTo(['resolved', '2025-03-06 10:00']);
const paperProcedure = { resultIsPaper: true };
const electronicResult = [{ resultCode: 'KQ-01', url: 'https://files.example.vn/ket-qua.pdf' }];

describe('every reception-placed indicator', () => {
  it('places a received dossier on its reception day and never counts one refused at intake', () => {
    const verdicts = classifyReceptionIndicators(aScorecardDossier(), sheetRules());
    expect(verdicts.map((verdict) => verdict.span)).toContainEqual({
      first: '2025-03-03',
      last: '2025-03-03',
    });
    expect(new Set(verdicts.map((verdict) => verdict.span.first))).toEqual(new Set(['2025-03-03']));
    const refused = aScorecardDossier({
      statusHistory: [
        { status: 'submitted', at: vn('2025-03-03 07:00') },
        { status: 'refused', at: vn('2025-03-03 08:00') },
      ],
    });
    expect(classifyReceptionIndicators(refused, sheetRules())).toEqual([]);
  });
});

describe('[766 1.4] sync', () => {
  it('counts a dossier the portal never took against the sync rate', () => {
    expect(on('1.4', aScorecardDossier())?.category).toBe('synced');
    expect(reasonsOn('1.4', aScorecardDossier({ syncedAt: undefined }))).toEqual([
      'chưa đồng bộ lên Cổng Dịch vụ công quốc gia',
    ]);
  });
});

describe('[766 3.3] online submission', () => {
  const online = { channel: 'online' as const, procedure: paperProcedure, statusHistory: resolved };

  it('counts an online dossier with an electronic result (result code and file) as online', () => {
    expect(on('3.3', aScorecardDossier({ ...online, results: electronicResult }))?.category).toBe('online');
  });

  it('does not count an online dossier of a paper-result procedure without an electronic result', () => {
    const fileOnly = aScorecardDossier({ ...online, results: [{ url: 'https://files.example.vn/kq.pdf' }] });
    expect(on('3.3', fileOnly)).toMatchObject({ category: 'onlineWithoutElectronicResult', met: false });
    expect(reasonsOn('3.3', fileOnly)).toEqual(['không có kết quả điện tử']);
    const fileIsEnough = sheetRules({ electronicResult: { forOnlineShare: 'file' } });
    expect(on('3.3', fileOnly, fileIsEnough)?.category).toBe('online');
  });

  it('needs no result when the procedure does not return a paper ("TTHC không yêu cầu trả kết quả bằng văn bản")', () => {
    const dossier = aScorecardDossier({ ...online, procedure: { resultIsPaper: false } });
    expect(on('3.3', dossier)?.category).toBe('online');
  });

  it('assumes a paper result while the catalogue is unknown, unless configured otherwise', () => {
    const unknown = aScorecardDossier({ channel: 'online', statusHistory: resolved });
    expect(on('3.3', unknown)?.met).toBe(false);
    expect(
      on('3.3', unknown, sheetRules({ electronicResult: { resultIsPaperWhenUnknown: false } }))?.met,
    ).toBe(true);
  });

  it('warns about an open online dossier: it needs an electronic result by its promised date', () => {
    const open = aScorecardDossier({ channel: 'online', procedure: paperProcedure });
    expect(on('3.3', open)?.watch).toEqual({
      handleBy: vn('2025-03-07 17:00'),
      reason: { code: 'issueElectronicResult' },
    });
    const lenient = sheetRules({ online: { electronicResultWhileOpen: 'notRequired' } });
    expect(on('3.3', open, lenient)?.category).toBe('online');
  });

  it('counts the desk, a missing channel and public post as not online ("KenhThucHien = 1 hoặc null", "= 3")', () => {
    expect(reasonsOn('3.3', aScorecardDossier({ channel: 'counter' }))).toEqual(['nộp trực tiếp']);
    expect(on('3.3', aScorecardDossier({ channel: undefined }))?.category).toBe('counter');
    expect(reasonsOn('3.3', aScorecardDossier({ channel: 'post' }))).toEqual(['nộp qua bưu chính công ích']);
  });

  it('takes the share over what the portal holds, since the score multiplies it by the sync rate', () => {
    const unsynced = aScorecardDossier({ channel: 'online', syncedAt: undefined });
    expect(on('3.3', unsynced)).toBeUndefined();
    expect(on('3.3', unsynced, sheetRules({ online: { multiplyBySyncRate: false } }))).toBeDefined();
  });
});

describe('[766 3.6] online payment', () => {
  const charged = { procedure: { chargesFee: true }, fees: [{ amount: 8000 }] };

  it('counts a dossier of a fee-charging procedure paid on the portal or the province gateway', () => {
    expect(on('3.6', aScorecardDossier({ ...charged, paidOnline: 'national' }))?.category).toBe('paidOnline');
    expect(on('3.6', aScorecardDossier({ ...charged, paidOnline: 'province' }))?.category).toBe('paidOnline');
    expect(reasonsOn('3.6', aScorecardDossier(charged))).toEqual(['không thanh toán trực tuyến']);
  });

  it('leaves out a dossier whose synced fee lines are all 0 ("có tất cả … Gia: 0")', () => {
    expect(
      on('3.6', aScorecardDossier({ procedure: { chargesFee: true }, fees: [{ amount: 0 }] })),
    ).toBeUndefined();
  });

  it('keeps a fee-charging dossier with no fee lines synced, or leaves it out when configured', () => {
    const noLines = aScorecardDossier({ procedure: { chargesFee: true } });
    expect(on('3.6', noLines)?.category).toBe('notPaidOnline');
    expect(on('3.6', noLines, sheetRules({ payment: { withoutFeeLines: 'exclude' } }))).toBeUndefined();
  });

  it('falls back on the dossier fee lines while the catalogue is unknown', () => {
    expect(on('3.6', aScorecardDossier({ fees: [{ amount: 8000 }] }))).toBeDefined();
    expect(on('3.6', aScorecardDossier())).toBeUndefined();
    expect(
      on('3.6', aScorecardDossier({ procedure: { chargesFee: false }, fees: [{ amount: 8000 }] })),
    ).toBeUndefined();
  });
});

describe('[766 4.1] electronic result', () => {
  it('counts a result file over dossiers of paper-result procedures only', () => {
    const withFile = aScorecardDossier({
      procedure: paperProcedure,
      statusHistory: resolved,
      results: [{ url: 'https://f.vn/kq.pdf' }],
    });
    expect(on('4.1', withFile)?.met).toBe(true);
    expect(reasonsOn('4.1', { ...withFile, results: [] })).toEqual(['không có kết quả điện tử']);
    expect(on('4.1', { ...withFile, procedure: { resultIsPaper: false } })).toBeUndefined();
  });

  it('counts a withdrawn dossier without a result, or leaves it out when configured', () => {
    const withdrawn = aScorecardDossier({
      procedure: paperProcedure,
      statusHistory: movedTo(['withdrawn', '2025-03-04 10:00']),
    });
    expect(on('4.1', withdrawn)?.met).toBe(false);
    expect(
      on('4.1', withdrawn, sheetRules({ results: { excludeClosedWithoutResult: true } })),
    ).toBeUndefined();
  });

  it('can place a dossier by the day it ended instead of its reception', () => {
    const rules = sheetRules({ results: { periodBy: 'endOfProcessing' } });
    expect(
      on('4.1', aScorecardDossier({ procedure: paperProcedure, statusHistory: resolved }), rules)?.span,
    ).toEqual({
      first: '2025-03-06',
      last: '2025-03-06',
    });
    expect(on('4.1', aScorecardDossier({ procedure: paperProcedure }), rules)).toBeUndefined();
  });
});

describe('[766 4.2] digitised', () => {
  it('needs a file in a submitted component and, for a paper-result procedure, a result file', () => {
    const both = aScorecardDossier({
      procedure: paperProcedure,
      statusHistory: resolved,
      results: electronicResult,
    });
    expect(on('4.2', both)?.met).toBe(true);
    expect(reasonsOn('4.2', { ...both, documents: [{}], results: [] })).toEqual([
      'thành phần hồ sơ không có tệp đính kèm',
      'kết quả không có tệp đính kèm',
    ]);
    expect(on('4.2', { ...both, procedure: { resultIsPaper: false }, results: [] })?.met).toBe(true);
  });

  it('can require the result file of every procedure', () => {
    const rules = sheetRules({ results: { digitisedNeedsResultFile: 'allProcedures' } });
    expect(on('4.2', aScorecardDossier({ procedure: { resultIsPaper: false } }), rules)?.met).toBe(false);
  });
});

describe('[766 4.3] reuse of digitised data', () => {
  it('reads HoSoCoThanhPhanSoHoa = 1 or a component DuocSoHoa = 1', () => {
    expect(on('4.3', aScorecardDossier({ hasDigitisedComponent: true }))?.met).toBe(true);
    expect(
      on('4.3', aScorecardDossier({ documents: [{ url: 'https://f.vn/a.pdf', digitised: true }] }))?.met,
    ).toBe(true);
    expect(reasonsOn('4.3', aScorecardDossier())).toEqual(['không sử dụng lại dữ liệu số hóa']);
  });

  it('counts DuocTaiSuDung only when chosen as evidence', () => {
    const reused = aScorecardDossier({ documents: [{ url: 'https://f.vn/a.pdf', reuse: 1 }] });
    expect(on('4.3', reused)?.met).toBe(false);
    expect(on('4.3', reused, sheetRules({ reuse: { evidence: ['documentReuse'] } }))?.met).toBe(true);
  });
});

describe('[766 4.4] taken from the national store', () => {
  it('reads TaiLieuNop.DuocLayTuKhoDMQG = 1 ("Update"), and the electronic result only when configured', () => {
    expect(on('4.4', aScorecardDossier({ documents: [{ fromNationalStore: true }] }))?.met).toBe(true);
    const resultOnly = aScorecardDossier({ statusHistory: resolved, results: electronicResult });
    expect(on('4.4', resultOnly)?.met).toBe(false);
    expect(on('4.4', resultOnly, sheetRules({ nationalStore: { countsElectronicResult: true } }))?.met).toBe(
      true,
    );
  });
});

describe('[766 4.5] population data (dossier rate)', () => {
  it('reads a VNeID-verified account, a component from the store or the population database (MaCSDL 7 [TH])', () => {
    expect(on('4.5', aScorecardDossier({ applicant: { verifiedWithVNeID: true } }))?.met).toBe(true);
    expect(on('4.5', aScorecardDossier({ nationalDataSources: ['7'] }))?.met).toBe(true);
    expect(on('4.5', aScorecardDossier({ documents: [{ fromNationalStore: true }] }))?.met).toBe(true);
    expect(reasonsOn('4.5', aScorecardDossier({ nationalDataSources: ['12'] }))).toEqual([
      'không sử dụng dữ liệu dân cư (VNeID, Cơ sở dữ liệu quốc gia về dân cư)',
    ]);
  });

  it('counts every applicant, or only citizens when configured', () => {
    const business = aScorecardDossier({ applicant: { type: 'business' } });
    expect(on('4.5', business)).toBeDefined();
    expect(
      on('4.5', business, sheetRules({ populationData: { onlyCitizenApplicants: true } })),
    ).toBeUndefined();
  });
});
