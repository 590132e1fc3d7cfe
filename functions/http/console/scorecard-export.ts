import type {
  ScorecardExplanation,
  ScorecardIndicatorResult,
  ScorecardReport,
} from '../../../contracts/scorecard';
import { csvText } from '../spreadsheet-files';
import { formatVietnamTime } from './console-text';

/**
 * The scorecard and its explanation lists as a province office pastes them into its monthly
 * report: a title row with the period and the unit, a blank row, Vietnamese headers, one row per
 * indicator or dossier. Numbers stay numbers; a rate over a zero denominator reads N/A, and the
 * note column says why. The same sheet is written as CSV and as a workbook (scorecard-workbook.ts).
 */
export interface ExportColumn {
  readonly header: string;
  /** In characters, for the workbook. */
  readonly width: number;
  /** Percentages and points: shown with two decimals in the workbook (0.00). */
  readonly twoDecimals?: boolean;
}

export interface ExportSheet {
  /** The workbook's tab (at most 31 characters, none of : \ / ? * [ ]). */
  readonly name: string;
  readonly title: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** What a rate cell holds when the denominator is zero ("hiển thị 0 hoặc N/A" [766]). */
const NOT_APPLICABLE = 'N/A';

const shownDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const unitOf = (agencyCode: string | undefined) =>
  agencyCode ? `Đơn vị: ${agencyCode}` : 'Đơn vị: toàn tỉnh';
const periodOf = (period: { from: string; to: string }) =>
  `Kỳ báo cáo: ${shownDay(period.from)} – ${shownDay(period.to)}`;

const UNIT_WORDS = { hour: 'giờ', day: 'ngày', workingDay: 'ngày làm việc', month: 'tháng' } as const;

/** Why a row has no rate, or what stands in for it, in words. */
function noteOf(indicator: ScorecardIndicatorResult): string {
  if (indicator.note) return indicator.note.vi;
  if (indicator.denominator === 0) return 'Không áp dụng (mẫu số bằng 0)';
  if (indicator.averages) {
    // [766 2.2] is an average per procedure, not a rate: the averages are its figures.
    return indicator.averages
      .map(
        (average) =>
          `${average.procedureCode}: trung bình ${average.average} ${UNIT_WORDS[average.unit]} (${average.dossiers} hồ sơ)`,
      )
      .join('; ');
  }
  return '';
}

export function scorecardSheet(report: ScorecardReport): ExportSheet {
  return {
    name: 'Chỉ số 766',
    title: `Chỉ số phục vụ theo Quyết định 766/QĐ-TTg. ${periodOf(report.period)}. ${unitOf(report.agencyCode)}`,
    columns: [
      { header: 'Mã chỉ số', width: 10 },
      { header: 'Tên chỉ số', width: 60 },
      { header: 'Tử số', width: 10 },
      { header: 'Mẫu số', width: 10 },
      { header: 'Tỷ lệ (%)', width: 10, twoDecimals: true },
      { header: 'Điểm', width: 10, twoDecimals: true },
      { header: 'Mức đạt điểm tối đa (%)', width: 14, twoDecimals: true },
      { header: 'Ghi chú', width: 50 },
    ],
    rows: report.indicators.map((indicator) => [
      indicator.id,
      indicator.title,
      indicator.numerator ?? '',
      indicator.denominator,
      indicator.rate ?? (indicator.denominator === 0 || indicator.note ? NOT_APPLICABLE : ''),
      indicator.score ?? '',
      indicator.fullMarksAt ?? '',
      noteOf(indicator),
    ]),
  };
}

export function explanationSheet(explanation: ScorecardExplanation): ExportSheet {
  const { indicator } = explanation;
  return {
    name: `Chỉ số ${indicator.id}`,
    title: `Chỉ số ${indicator.id} ${indicator.title}: hồ sơ bị tính và hồ sơ sắp tính trễ. ${periodOf(explanation.period)}. ${unitOf(explanation.agencyCode)}`,
    columns: [
      { header: 'STT', width: 6 },
      { header: 'Mã hồ sơ', width: 28 },
      { header: 'Mã cơ quan', width: 16 },
      { header: 'Mã thủ tục', width: 14 },
      { header: 'Tình trạng', width: 14 },
      { header: 'Lý do', width: 60 },
      { header: 'Cần xử lý trước', width: 18 },
    ],
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
        'Sắp tính trễ',
        item.reason.vi,
        formatVietnamTime(item.handleBy),
      ]),
    ].map((row, index) => [index + 1, ...row]),
  };
}

/** The sheet as CSV: title, blank row, headers, rows. */
export function toCsv(sheet: ExportSheet): string {
  const headers = sheet.columns.map((column) => column.header);
  return csvText([[sheet.title], [], headers, ...sheet.rows]);
}

/** RFC 8187 value characters: everything else is percent-encoded UTF-8. */
const encodeExtValue = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * An attachment's Content-Disposition (RFC 6266): the Vietnamese name as `filename*`, and an
 * ASCII name for clients that read only `filename`.
 */
export function attachmentDisposition(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
