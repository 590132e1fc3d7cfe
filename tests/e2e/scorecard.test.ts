import { beforeAll, describe, expect, it } from 'vitest';
import type { ScorecardExplanation, ScorecardReport } from '../../contracts/scorecard';
import { consoleSessionOf } from '../support/console-sign-in';
import { aDossier } from '../support/fixtures';
import { deskChange, marchDossiersOf } from '../support/relay-dossier';
import { aSupplementRequest } from '../support/scorecard-dossiers';
import { tokenFor, useTestRuntime } from '../support/test-runtime';
import { readWorkbook } from '../support/workbook';

/**
 * The QĐ 766 scorecard through the local runtime (issue 22): dossiers relayed to the portal
 * simulator, the relay keeping their verdicts, the admin API reading a month and explaining one
 * indicator. March 2025 has no holiday; the working calendar is the runtime's own.
 */
const started = useTestRuntime();
let admin: string;
beforeAll(async () => {
  admin = await tokenFor(started.runtime, 'demo-admin', 'demo-admin-secret');
});

const gateway = (path: string, init: RequestInit = {}) =>
  fetch(`${started.runtime.urls.gateway}${path}`, init);
const asAdmin = (path: string) => gateway(path, { headers: { authorization: `Bearer ${admin}` } });

const change = deskChange;
const agencyCode = '000.00.41.H12';
// Received Monday 3 March 2025 08:00, promised Friday 7 March 17:00.
const { code, base, relay, earlyAndLate } = marchDossiersOf(
  agencyCode,
  () => started.runtime,
  () => started.token,
);
const month = `from=2025-03-01&to=2025-03-31&agencyCode=${agencyCode}`;

describe('the QĐ 766 scorecard of a month', () => {
  beforeAll(async () => {
    await Promise.all([
      // Early (code 1): resolved Wednesday; late (code 2): resolved Tuesday 11 March 16:00.
      ...earlyAndLate(),
      // Supplements asked twice, resolved within the promised date: late all the same [766 2.1].
      relay(aDossier({ ...base, dossierCode: code(3), dueAt: '2025-03-21T17:00:00+07:00' }), [
        change('awaiting_supplement', '2025-03-04T09:00:00+07:00', {
          supplement: aSupplementRequest('b1', '2025-03-04T09:00:00+07:00'),
        }),
        change('processing', '2025-03-05T09:00:00+07:00', {
          supplement: aSupplementRequest('b1', '2025-03-04T09:00:00+07:00', '2025-03-05T09:00:00+07:00'),
        }),
        change('awaiting_supplement', '2025-03-06T09:00:00+07:00', {
          supplement: aSupplementRequest('b2', '2025-03-06T09:00:00+07:00'),
        }),
        change('processing', '2025-03-07T09:00:00+07:00', {
          supplement: aSupplementRequest('b2', '2025-03-06T09:00:00+07:00', '2025-03-07T09:00:00+07:00'),
        }),
        change('resolved', '2025-03-10T09:00:00+07:00'),
      ]),
    ]);
  }, 90_000);

  it('computes on-time processing (2.1) over the month: one early, two late, as the national formula counts them', async () => {
    const response = await asAdmin(`/v1/admin/scorecard?${month}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ScorecardReport;
    expect(report).toMatchObject({ period: { from: '2025-03-01', to: '2025-03-31' }, agencyCode });
    const onTime = report.indicators.find((indicator) => indicator.id === '2.1');
    expect(onTime).toMatchObject({ numerator: 1, denominator: 3, rate: 33.33 });
    expect(onTime?.categories).toEqual({ early: 1, onTime: 0, inTime: 0, late: 2 });
    // Nothing received in February.
    const february = (await (
      await asAdmin(`/v1/admin/scorecard?from=2025-02-01&to=2025-02-28&agencyCode=${agencyCode}`)
    ).json()) as ScorecardReport;
    expect(february.indicators.find((indicator) => indicator.id === '2.1')).toMatchObject({
      denominator: 0,
      rate: null,
    });
  });

  it('explains the indicator dossier by dossier, in Vietnamese first', async () => {
    const response = await asAdmin(`/v1/admin/scorecard/2.1/dossiers?${month}`);
    expect(response.status).toBe(200);
    const explanation = (await response.json()) as ScorecardExplanation;
    expect(
      explanation.dossiers.map((item) => [item.subjectCode, item.reasons.map((reason) => reason.vi)]),
    ).toEqual([
      [code(2), ['trễ 2 ngày làm việc']],
      [code(3), ['yêu cầu bổ sung lần 2']],
    ]);
    expect(explanation.dossiers[0]?.reasons[0]?.en).toBe('late by 2 working days');
  });

  it('refuses a reversed period and an unknown indicator with field paths', async () => {
    const reversed = await asAdmin(`/v1/admin/scorecard?from=2025-03-31&to=2025-03-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.headers.get('content-type')).toContain('application/problem+json');
    const body = (await reversed.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path)).toContain('$.from');

    const unknown = await asAdmin(`/v1/admin/scorecard/9.9/dossiers?${month}`);
    expect(unknown.status).toBe(400);
    expect(
      ((await unknown.json()) as { errors: { path: string }[] }).errors.map((error) => error.path),
    ).toContain('$.id');
  });
});

describe('the scorecard for the monthly report, from the console', () => {
  const download = async (path: string) => {
    const cookie = await consoleSessionOf(started.runtime, 'viewer@demo');
    return gateway(path, { headers: { cookie } });
  };

  it('downloads the month as a workbook: title with period and unit, numbers as numbers, 5.1 N/A with a note', async () => {
    const response = await download(`/admin/scorecard/export.xlsx?${month}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="chi-so-766_2025-03-01_2025-03-31.xlsx"; filename*=UTF-8''${encodeURIComponent('Chỉ số 766 từ 01-03-2025 đến 31-03-2025.xlsx')}`,
    );
    const workbook = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    expect(workbook.rows[0]?.[0]).toBe(
      `Chỉ số phục vụ theo Quyết định 766/QĐ-TTg. Kỳ báo cáo: 01/03/2025 – 31/03/2025. Đơn vị: ${agencyCode}`,
    );
    expect(workbook.rows[2]?.slice(0, 5)).toEqual([
      'Mã chỉ số',
      'Tên chỉ số',
      'Tử số',
      'Mẫu số',
      'Tỷ lệ (%)',
    ]);
    const at = workbook.rows.findIndex((row) => row[0] === '2.1');
    expect(workbook.rows[at]?.slice(1, 5)).toEqual(['Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', 1, 3, 33.33]);
    expect(workbook.numberFormat(`E${at + 1}`)).toBe('0.00');
    // Feedback reaches the gateway (issue 23): group 5 has figures, but the portal's list carries
    // no classification, so 5.1 says why it has none.
    const classified = workbook.rows.find((row) => row[0] === '5.1');
    expect(classified?.[4]).toBe('N/A');
    expect(String(classified?.at(-1))).toMatch(/^Không áp dụng: danh sách phản ánh, kiến nghị/);
    const satisfaction = workbook.rows.find((row) => row[0] === '5.4');
    expect(satisfaction?.slice(2, 5)).toEqual([1, 3, 33.33]);
  });

  it('downloads an indicator’s explanation list with the reasons in words', async () => {
    const response = await download(`/admin/scorecard/export.xlsx?${month}&indicator=2.1`);
    expect(response.status).toBe(200);
    const workbook = await readWorkbook(new Uint8Array(await response.arrayBuffer()));
    expect(workbook.sheetNames).toEqual(['Chỉ số 2.1']);
    expect(workbook.rows.slice(3).map((row) => [row[0], row[1], row[4], row[5]])).toEqual([
      [1, code(2), 'Bị tính', 'trễ 2 ngày làm việc'],
      [2, code(3), 'Bị tính', 'yêu cầu bổ sung lần 2'],
    ]);
  });
});

describe('an open dossier the scorecard warns about', () => {
  // Received a minute ago, promised ten days on: in time, until it is not.
  const now = Date.now();
  const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
  const openCode = `${agencyCode}-${today.slice(2).replaceAll('-', '')}-0001`;
  const dueAt = new Date(now + 10 * 86_400_000).toISOString();
  const period = `from=${today.slice(0, 8)}01&to=${today}&agencyCode=${agencyCode}`;

  beforeAll(async () => {
    await relay(
      aDossier({
        agencyCode,
        dossierCode: openCode,
        receivedAt: new Date(now - 60_000).toISOString(),
        dueAt,
      }),
      [change('processing', new Date(now - 30_000).toISOString())],
    );
  }, 60_000);

  it('lists it as about to count late (sắp tính trễ) with its date, in the API and the downloaded list', async () => {
    const response = await asAdmin(`/v1/admin/scorecard/2.1/dossiers?${period}`);
    const explanation = (await response.json()) as ScorecardExplanation;
    expect(explanation.dossiers).toEqual([]);
    expect(explanation.watch).toEqual([expect.objectContaining({ subjectCode: openCode, handleBy: dueAt })]);
    expect(explanation.watch[0]?.reason.vi).toMatch(
      /^cần kết thúc xử lý trước \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
    );

    const cookie = await consoleSessionOf(started.runtime, 'viewer@demo');
    const list = await gateway(`/admin/scorecard/export.xlsx?${period}&indicator=2.1`, {
      headers: { cookie },
    });
    const workbook = await readWorkbook(new Uint8Array(await list.arrayBuffer()));
    expect(workbook.rows.slice(3).map((row) => [row[1], row[4], row[5]])).toEqual([
      [openCode, 'Sắp tính trễ', explanation.watch[0]?.reason.vi],
    ]);
  });
});
