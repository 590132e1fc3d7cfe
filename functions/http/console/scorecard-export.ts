import type { ScorecardExplanation, ScorecardReport } from '../../../contracts/scorecard';
import { formatVietnamTime } from './console-text';

/**
 * The scorecard and its explanation lists as a province office pastes them into its monthly
 * report: a title row with the period and the unit, a blank row, Vietnamese headers, one row per
 * indicator or dossier. Rates as numbers (N/A left empty and said in the note column).
 */
export interface ExportSheet {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const shownDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const unitOf = (agencyCode: string | undefined) =>
  agencyCode ? `Đơn vị: ${agencyCode}` : 'Đơn vị: toàn tỉnh';
const periodOf = (period: { from: string; to: string }) =>
  `Kỳ báo cáo: ${shownDay(period.from)} – ${shownDay(period.to)}`;

export function scorecardSheet(report: ScorecardReport): ExportSheet {
  return {
    title: `Chỉ số phục vụ theo Quyết định 766/QĐ-TTg. ${periodOf(report.period)}. ${unitOf(report.agencyCode)}`,
    headers: [
      'Mã chỉ số',
      'Tên chỉ số',
      'Tử số',
      'Mẫu số',
      'Tỷ lệ (%)',
      'Đạt điểm tối đa từ (%)',
      'Điểm',
      'Ghi chú',
    ],
    rows: report.indicators.map((indicator) => [
      indicator.id,
      indicator.title,
      indicator.numerator ?? '',
      indicator.denominator,
      indicator.rate ?? '',
      indicator.fullMarksAt ?? '',
      indicator.score ?? '',
      indicator.rate === null ? 'Không áp dụng (mẫu số bằng 0)' : '',
    ]),
  };
}

export function explanationSheet(explanation: ScorecardExplanation): ExportSheet {
  const { indicator } = explanation;
  return {
    title: `Chỉ số ${indicator.id} ${indicator.title}: hồ sơ bị tính. ${periodOf(explanation.period)}. ${unitOf(explanation.agencyCode)}`,
    headers: ['STT', 'Mã hồ sơ', 'Mã cơ quan', 'Mã thủ tục', 'Tình trạng', 'Lý do', 'Cần xử lý trước'],
    rows: [
      ...explanation.dossiers.map((item) => [
        item.subjectCode,
        item.agencyCode,
        item.procedureCode ?? '',
        'Bị tính',
        item.reasons.map((reason) => reason.vi).join('; '),
        '',
      ]),
      ...explanation.watch.map((item) => [
        item.subjectCode,
        item.agencyCode,
        item.procedureCode ?? '',
        'Đang xử lý',
        item.reason.vi,
        formatVietnamTime(item.handleBy),
      ]),
    ].map((row, index) => [index + 1, ...row]),
  };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** CSV with a byte-order mark: spreadsheet programs read the Vietnamese as UTF-8 only with it. */
export function toCsv(sheet: ExportSheet): string {
  const lines = [[sheet.title], [], sheet.headers, ...sheet.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
