import type { PointsRule, ScorecardIndicatorId, ScorecardRules } from '../../../contracts/scorecard';

/** Each indicator as data: its titles, the categories a verdict may take and which of them meet it. */
export interface IndicatorDefinition {
  readonly id: ScorecardIndicatorId;
  /** The record's title in the formula sheet. */
  readonly title: string;
  readonly titleEn: string;
  readonly categories: readonly string[];
  readonly metCategories: readonly string[];
  /** Whether the sheet computes it for one procedure ("theo TTHC"). */
  readonly byProcedure: 'allowed' | 'only' | 'never';
}

const rate = (
  id: ScorecardIndicatorId,
  title: string,
  titleEn: string,
  categories: readonly string[],
  metCategories: readonly string[],
  byProcedure: IndicatorDefinition['byProcedure'] = 'allowed',
): IndicatorDefinition => ({ id, title, titleEn, categories, metCategories, byProcedure });

const METS = ['met', 'missed'] as const;

export const indicatorDefinitions: Readonly<Record<ScorecardIndicatorId, IndicatorDefinition>> = {
  '1.4': rate(
    '1.4',
    'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia',
    'Dossiers synced to the National Public Service Portal',
    ['synced', 'notSynced'],
    ['synced'],
  ),
  '2.1': rate(
    '2.1',
    'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn',
    'Dossiers processed early or on time',
    ['early', 'onTime', 'inTime', 'late'],
    ['early', 'onTime', 'inTime'],
  ),
  '2.2': rate(
    '2.2',
    'Thời gian giải quyết TTHC trung bình theo từng TTHC',
    'Average processing time per procedure',
    ['finished'],
    ['finished'],
    'only',
  ),
  '3.3': rate(
    '3.3',
    'Tỷ lệ hồ sơ TTHC theo hình thức nộp hồ sơ (trực tuyến)',
    'Dossiers submitted online',
    ['online', 'onlineWithoutElectronicResult', 'counter', 'post'],
    ['online'],
  ),
  '3.6': rate(
    '3.6',
    'Tỷ lệ hồ sơ thanh toán trực tuyến',
    'Dossiers paid online',
    ['paidOnline', 'notPaidOnline'],
    ['paidOnline'],
  ),
  '4.1': rate(
    '4.1',
    'Tỷ lệ hồ sơ thủ tục hành chính có cấp kết quả giải quyết thủ tục hành chính điện tử',
    'Dossiers with an electronic result',
    METS,
    ['met'],
  ),
  '4.2': rate('4.2', 'Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ', 'Dossiers digitised', METS, [
    'met',
  ]),
  '4.3': rate(
    '4.3',
    'Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa',
    'Dossiers reusing digitised data',
    METS,
    ['met'],
  ),
  '4.4': rate(
    '4.4',
    'Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng',
    "Dossiers drawing on the citizen's data store on the portal",
    METS,
    ['met'],
  ),
  '4.5': rate(
    '4.5',
    'Tỷ lệ hồ sơ TTHC sử dụng thông tin, dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư',
    'Dossiers using the national population database',
    METS,
    ['met'],
  ),
  '5.1': rate(
    '5.1',
    'Tỷ lệ phản ánh, kiến nghị theo phân loại',
    'Feedback classified by subject',
    ['policyOrProcedure', 'officerConduct', 'other', 'unclassified'],
    ['policyOrProcedure', 'officerConduct'],
    'never',
  ),
  '5.2': rate(
    '5.2',
    'Tiến độ xử lý phản ánh, kiến nghị',
    'Feedback handled on time',
    ['onTime', 'inTime', 'late'],
    ['onTime', 'inTime'],
    'never',
  ),
  '5.3': rate(
    '5.3',
    'Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị',
    'Satisfaction with feedback handling',
    ['satisfied', 'dissatisfied'],
    ['satisfied'],
    'never',
  ),
  '5.4': rate(
    '5.4',
    'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC',
    'Satisfaction with dossier handling',
    ['satisfied', 'late', 'complained', 'lateAndComplained'],
    ['satisfied'],
  ),
};

/**
 * The points rules the sheet states ("Đạt từ X% trở lên sẽ đạt điểm tối đa. Dưới X% tính theo
 * công thức: Tỷ lệ * Điểm tối đa / X%"), among the indicators computed here: 3.3 at 50 %, 4.2
 * and 4.3 at 80 %, 5.2 to 5.4 at 90 % (DOMAIN.md, QĐ 766 5.x: "full marks at 90 %"). The sheet
 * gives no maximum points; 100 reads as a share.
 */
export const sheetPointsRules: Readonly<Partial<Record<ScorecardIndicatorId, PointsRule>>> = {
  '3.3': { fullMarksAt: 50, maxScore: 100 },
  '4.2': { fullMarksAt: 80, maxScore: 100 },
  '4.3': { fullMarksAt: 80, maxScore: 100 },
  '5.2': { fullMarksAt: 90, maxScore: 100 },
  '5.3': { fullMarksAt: 90, maxScore: 100 },
  '5.4': { fullMarksAt: 90, maxScore: 100 },
};

export function pointsRuleFor(id: ScorecardIndicatorId, rules: ScorecardRules): PointsRule | undefined {
  return rules.points[id] ?? sheetPointsRules[id];
}
