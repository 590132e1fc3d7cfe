import type { FeedbackStep, ShortfallReason, WatchReason } from './indicator-verdict';

/** Words for a reason, Vietnamese first (DOMAIN.md, "Vietnamese in the product"). */
export interface ReasonWords {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** dd/MM/yyyy HH:mm on the Vietnam wall clock. */
function formatVietnamDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const lateWords = (workingDays: number): [string, string] =>
  workingDays > 0
    ? [
        `trễ ${workingDays} ngày làm việc`,
        `late by ${workingDays} working day${workingDays === 1 ? '' : 's'}`,
      ]
    : ['trễ hạn dưới 1 ngày làm việc', 'late by less than one working day'];

const STEP_WORDS: Record<FeedbackStep, [string, string]> = {
  refuse: ['từ chối sau 2 ngày làm việc', 'refused after 2 working days'],
  askMore: ['yêu cầu bổ sung sau 5 ngày làm việc', 'asked for more after 5 working days'],
  answer: ['trả lời sau 15 ngày làm việc', 'answered after 15 working days'],
  publish: [
    'công khai sau 2 ngày làm việc kể từ khi trả lời',
    'published more than 2 working days after the answer',
  ],
};

/** The reasons whose words depend on what they carry (days late, requests, channel, step). */
type DetailedReasonCode =
  | 'finishedLate'
  | 'openPastDue'
  | 'repeatedSupplement'
  | 'notOnline'
  | 'feedbackLate'
  | 'feedbackOpenPastDue';

/** Every other reason carries nothing but its code: its words are fixed. */
const FIXED_WORDS: Record<Exclude<ShortfallReason['code'], DetailedReasonCode>, [string, string]> = {
  notSynced: ['chưa đồng bộ lên Cổng Dịch vụ công quốc gia', 'not synced to the national portal'],
  noDeadline: [
    'không có ngày hẹn trả và thời hạn giải quyết',
    'no promised date and no maximum processing time',
  ],
  noElectronicResult: ['không có kết quả điện tử', 'no electronic result'],
  notPaidOnline: ['không thanh toán trực tuyến', 'not paid online'],
  noSubmittedFile: ['thành phần hồ sơ không có tệp đính kèm', 'no file attached to a dossier component'],
  noResultFile: ['kết quả không có tệp đính kèm', 'no file attached to the result'],
  noReuse: ['không sử dụng lại dữ liệu số hóa', 'no digitised data reused'],
  noNationalStoreDocument: [
    'không có thành phần lấy từ kho dữ liệu trên Cổng Dịch vụ công quốc gia',
    "no component taken from the citizen's data store on the portal",
  ],
  noPopulationData: [
    'không sử dụng dữ liệu dân cư (VNeID, Cơ sở dữ liệu quốc gia về dân cư)',
    'no population data used (VNeID, national population database)',
  ],
  feedbackDisliked: ['người dân đánh giá không hài lòng', 'rated unsatisfactory (more dislikes than likes)'],
  followUpComplaint: ['tiếp tục có phản ánh về kết quả giải quyết', 'complained of again after the answer'],
  dossierComplained: ['có phản ánh, kiến nghị', 'the subject of a complaint'],
  dossierDisliked: ['bị đánh giá không hài lòng', 'rated unsatisfactory'],
  unclassified: ['chưa phân loại theo quy định, thủ tục hoặc hành vi cán bộ', 'not classified by subject'],
};

function words(reason: ShortfallReason): [string, string] {
  switch (reason.code) {
    case 'finishedLate':
      return lateWords(reason.workingDays);
    case 'openPastDue': {
      const [vi, en] = lateWords(reason.workingDays);
      return [`${vi}, chưa kết thúc xử lý`, `${en}, still open`];
    }
    case 'repeatedSupplement':
      return [
        `yêu cầu bổ sung lần ${reason.requests}`,
        `supplement requested ${reason.requests} times (more than once counts as late)`,
      ];
    case 'notOnline':
      return reason.channel === 'post'
        ? ['nộp qua bưu chính công ích', 'submitted by public post']
        : ['nộp trực tiếp', 'submitted at the desk'];
    case 'feedbackLate': {
      const [vi, en] = STEP_WORDS[reason.step];
      const [lateVi, lateEn] = lateWords(reason.workingDays);
      return [`${vi} (${lateVi})`, `${en} (${lateEn})`];
    }
    case 'feedbackOpenPastDue': {
      const [vi, en] = lateWords(reason.workingDays);
      return [`chưa xử lý, ${vi} so với 15 ngày làm việc`, `not handled, ${en} beyond 15 working days`];
    }
    default:
      return FIXED_WORDS[reason.code];
  }
}

export function describeReason(reason: ShortfallReason): ReasonWords {
  const [vi, en] = words(reason);
  return { code: reason.code, vi, en };
}

export function describeWatch(reason: WatchReason, handleBy: string): ReasonWords {
  const by = formatVietnamDateTime(handleBy);
  const [vi, en] = ((): [string, string] => {
    switch (reason.code) {
      case 'finishProcessing':
        return [`cần kết thúc xử lý trước ${by}`, `must finish processing by ${by}`];
      case 'issueElectronicResult':
        return [
          `cần cấp kết quả điện tử (mã và tệp kết quả) khi trả kết quả, hạn ${by}`,
          `needs an electronic result (code and file) when resolved, due ${by}`,
        ];
      case 'answerFeedback':
        return [`cần trả lời phản ánh trước ${by}`, `must answer the feedback by ${by}`];
      case 'publishAnswer':
        return [`cần công khai câu trả lời trước ${by}`, `must publish the answer by ${by}`];
    }
  })();
  return { code: reason.code, vi, en };
}
