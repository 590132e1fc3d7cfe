import type { ScorecardRules } from '../../../contracts/scorecard';
import { vietnamDay } from '../vietnam-time';
import type { WorkingCalendar } from '../working-calendar';
import {
  daySpan,
  type Evaluation,
  type FeedbackStep,
  type IndicatorVerdict,
  type ShortfallReason,
} from './indicator-verdict';
import type { ScorecardDossier, ScorecardFeedback } from './scorecard-dossier';

/**
 * The satisfaction group [766 5.1–5.4]: citizen feedback (PAKN) handled on time, satisfaction
 * with that handling, and satisfaction with a dossier's handling.
 */

/** Working days allowed per step [766 5.2]: refuse 2, ask for more 5, answer 15, publish 2 after the answer. */
export const feedbackStepDays: Readonly<Record<FeedbackStep, number>> = {
  refuse: 2,
  askMore: 5,
  answer: 15,
  publish: 2,
};

const ms = (iso: string) => Date.parse(iso);
const day = (at: number) => vietnamDay(new Date(at));

interface FeedbackTiming {
  readonly category: 'onTime' | 'inTime' | 'late';
  readonly reasons: ShortfallReason[];
  readonly endedAt: number | undefined;
  readonly handleBy?: { at: number; step: 'answer' | 'publish' };
}

/**
 * [766 5.2] The clock starts when the citizen sent it, or at the latest forwarding by VPCP or
 * another agency. Refusal within 2 working days, a first request for more within 5, the answer
 * (start of "chờ công khai / đã công khai") within 15, its publication within 2 of the answer;
 * still open, in time while "ngày cuối kỳ − ngày bắt đầu chờ tiếp nhận <= 15 ngày làm việc".
 */
function feedbackTiming(
  item: ScorecardFeedback,
  evaluation: Evaluation,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): FeedbackTiming {
  const start = new Date(ms(item.forwardedAt ?? item.sentAt));
  const limit = (step: FeedbackStep) => calendar.addWorkingDays(start, feedbackStepDays[step]).getTime();
  const lateBy = (from: number, to: number) => calendar.workingDaysBetween(new Date(from), new Date(to));
  const judgeStep = (step: FeedbackStep, at: number): FeedbackTiming =>
    at <= limit(step)
      ? { category: 'onTime', reasons: [], endedAt: at }
      : {
          category: 'late',
          reasons: [{ code: 'feedbackLate', step, workingDays: lateBy(limit(step), at) }],
          endedAt: at,
        };

  if (item.refusedAt) return judgeStep('refuse', ms(item.refusedAt));
  if (item.answeredAt) {
    const answeredAt = ms(item.answeredAt);
    const answer = judgeStep('answer', answeredAt);
    if (answer.category === 'late' || rules.feedback.publication === 'skip') return answer;
    // "Nếu không có ngày kết thúc thì lấy theo ngày cuối kỳ báo cáo".
    const publishedAt = item.publishedAt ? ms(item.publishedAt) : undefined;
    const judgedAt = publishedAt ?? evaluation.asOf.getTime();
    const days = lateBy(answeredAt, judgedAt);
    if (days > feedbackStepDays.publish) {
      return {
        category: 'late',
        reasons: [{ code: 'feedbackLate', step: 'publish', workingDays: days - feedbackStepDays.publish }],
        endedAt: publishedAt,
      };
    }
    if (publishedAt !== undefined) return { category: 'onTime', reasons: [], endedAt: publishedAt };
    const publishBy = calendar.addWorkingDays(new Date(answeredAt), feedbackStepDays.publish).getTime();
    return {
      category: 'inTime',
      reasons: [],
      endedAt: undefined,
      handleBy: { at: publishBy, step: 'publish' },
    };
  }
  // "(không bao gồm các PAKN bị yêu cầu bổ sung sau khi Tiếp nhận)": a later request is judged as open.
  const askedBeforeReception =
    item.supplementRequestedAt !== undefined &&
    (item.receivedAt === undefined || ms(item.supplementRequestedAt) <= ms(item.receivedAt));
  if (item.supplementRequestedAt && askedBeforeReception) {
    return judgeStep('askMore', ms(item.supplementRequestedAt));
  }
  const waited = lateBy(start.getTime(), evaluation.asOf.getTime());
  if (waited > feedbackStepDays.answer) {
    return {
      category: 'late',
      reasons: [{ code: 'feedbackOpenPastDue', workingDays: waited - feedbackStepDays.answer }],
      endedAt: undefined,
    };
  }
  return {
    category: 'inTime',
    reasons: [],
    endedAt: undefined,
    handleBy: { at: limit('answer'), step: 'answer' },
  };
}

/**
 * One feedback item's verdicts: 5.1 (classified as policy/procedure or officer conduct), 5.2
 * (handled on time, counted in every period its handling overlaps) and 5.3 (satisfied: not
 * disliked, not late, no follow-up complaint; counted in the period of its first reception).
 */
export function classifyFeedback(
  item: ScorecardFeedback,
  evaluation: Evaluation,
  rules: ScorecardRules,
  calendar: WorkingCalendar,
): IndicatorVerdict[] {
  const startDay = day(ms(item.forwardedAt ?? item.sentAt));
  const timing = feedbackTiming(item, evaluation, rules, calendar);
  const provisional = timing.endedAt === undefined;
  const base = { subjectCode: item.feedbackId, agencyCode: item.agencyCode };
  const classified = item.classification === 'policyOrProcedure' || item.classification === 'officerConduct';
  const verdicts: IndicatorVerdict[] = [
    {
      ...base,
      indicator: '5.1',
      span: { first: startDay, last: startDay },
      category: item.classification ?? 'unclassified',
      met: classified,
      reasons: classified ? [] : [{ code: 'unclassified' }],
      provisional: false,
    },
    {
      ...base,
      indicator: '5.2',
      span: daySpan(startDay, timing.endedAt === undefined ? null : day(timing.endedAt)),
      category: timing.category,
      met: timing.category !== 'late',
      reasons: timing.reasons,
      ...(timing.handleBy
        ? {
            watch: {
              handleBy: new Date(timing.handleBy.at).toISOString(),
              reason: { code: timing.handleBy.step === 'answer' ? 'answerFeedback' : 'publishAnswer' },
            },
          }
        : {}),
      provisional,
    },
  ];
  // "Xét các PAKN có Ngày tiếp nhận đầu tiên trong kỳ báo cáo, không bao gồm PAKN chưa được tiếp nhận".
  if (item.receivedAt) {
    const receptionDay = day(ms(item.receivedAt));
    const reasons: ShortfallReason[] = [];
    if ((item.dislikes ?? 0) > (item.likes ?? 0)) reasons.push({ code: 'feedbackDisliked' });
    if (timing.category === 'late') reasons.push(...timing.reasons);
    if (item.followUpComplaint) reasons.push({ code: 'followUpComplaint' });
    verdicts.push({
      ...base,
      indicator: '5.3',
      span: { first: receptionDay, last: receptionDay },
      category: reasons.length === 0 ? 'satisfied' : 'dissatisfied',
      met: reasons.length === 0,
      reasons,
      provisional,
    });
  }
  return verdicts;
}

/**
 * [766 5.4] "= 100% − (Tỷ lệ hồ sơ giải quyết quá hạn + Tỷ lệ hồ sơ TTHC có phản ánh, kiến nghị
 * hoặc đánh giá dislike)", over the dossiers of 2.1. The category keeps both facts so either way
 * of combining them (rules.satisfaction.combine) is a sum of category counts.
 */
export function classifyDossierSatisfaction(
  dossier: ScorecardDossier,
  onTime: IndicatorVerdict | undefined,
): IndicatorVerdict | undefined {
  if (!onTime) return undefined;
  const late = onTime.category === 'late';
  const reasons: ShortfallReason[] = late ? [...onTime.reasons] : [];
  if ((dossier.feedback?.complaints ?? 0) > 0) reasons.push({ code: 'dossierComplained' });
  if ((dossier.feedback?.dislikes ?? 0) > 0) reasons.push({ code: 'dossierDisliked' });
  const complained = reasons.some(
    (reason) => reason.code === 'dossierComplained' || reason.code === 'dossierDisliked',
  );
  const category = late
    ? complained
      ? 'lateAndComplained'
      : 'late'
    : complained
      ? 'complained'
      : 'satisfied';
  // An open dossier in time for 2.1 keeps its watch: finishing late would cost 5.4 as well.
  return { ...onTime, indicator: '5.4', category, met: category === 'satisfied', reasons };
}

/**
 * [766 5.4] A dossier's satisfaction verdict once the portal's feedback is known: a feedback item
 * about the dossier (a complaint) or a citizen's dislike of its handling makes it count against
 * 5.4, beside lateness. The verdicts stored at delivery knew neither (they arrive later, from
 * the portal), so they are read through this at every scorecard read.
 */
export function withDossierFeedback(
  verdict: IndicatorVerdict,
  facts: { readonly complained: boolean; readonly disliked: boolean },
): IndicatorVerdict {
  if (verdict.indicator !== '5.4' || (!facts.complained && !facts.disliked)) return verdict;
  const late = verdict.category === 'late' || verdict.category === 'lateAndComplained';
  const known = new Set(verdict.reasons.map((reason) => reason.code));
  const reasons: ShortfallReason[] = [...verdict.reasons];
  if (facts.complained && !known.has('dossierComplained')) reasons.push({ code: 'dossierComplained' });
  if (facts.disliked && !known.has('dossierDisliked')) reasons.push({ code: 'dossierDisliked' });
  return { ...verdict, category: late ? 'lateAndComplained' : 'complained', met: false, reasons };
}
