import type { ScorecardIndicatorId, ScorecardRules } from '../../../contracts/scorecard';
import { vietnamDay } from '../vietnam-time';
import { type EndOfProcessing, endOfProcessing, isReceived, supplementRequests } from './dossier-timeline';
import type { DaySpan, IndicatorVerdict, ScorecardWatchItem, ShortfallReason } from './indicator-verdict';
import type { ScorecardDossier } from './scorecard-dossier';

/**
 * The dossier indicators that count a received dossier in the period of its reception
 * ("có Ngày tiếp nhận trong kỳ"): sync 1.4, online submission 3.3, online payment 3.6 and the
 * digitisation group 4.1–4.5. Each answers whether the dossier is in the denominator and, if so,
 * whether it meets the indicator and why not.
 */

interface DossierView {
  readonly dossier: ScorecardDossier;
  readonly receptionDay: string;
  readonly end: EndOfProcessing | undefined;
  /** Still being processed (or waiting for the citizen): its result may yet come. */
  readonly open: boolean;
}

function viewOf(dossier: ScorecardDossier, rules: ScorecardRules): DossierView | undefined {
  if (!isReceived(dossier) || !dossier.receivedAt) return undefined;
  const end = endOfProcessing(dossier, rules.onTime, supplementRequests(dossier));
  return {
    dossier,
    receptionDay: vietnamDay(new Date(dossier.receivedAt)),
    end,
    open: end === undefined || end.kind === 'awaitingCitizen',
  };
}

function verdict(
  view: DossierView,
  indicator: ScorecardIndicatorId,
  outcome: { category: string; met: boolean; reasons?: ShortfallReason[]; watch?: ScorecardWatchItem },
  span: DaySpan = { first: view.receptionDay, last: view.receptionDay },
): IndicatorVerdict {
  return {
    indicator,
    subjectCode: view.dossier.dossierCode,
    agencyCode: view.dossier.agencyCode,
    procedureCode: view.dossier.procedureCode,
    span,
    category: outcome.category,
    met: outcome.met,
    reasons: outcome.reasons ?? [],
    ...(outcome.watch ? { watch: outcome.watch } : {}),
    provisional: false,
  };
}

const met = (category = 'met') => ({ category, met: true });
const missed = (reason: ShortfallReason, category = 'missed', watch?: ScorecardWatchItem) => ({
  category,
  met: false,
  reasons: [reason],
  ...(watch ? { watch } : {}),
});

function resultIsPaper(dossier: ScorecardDossier, rules: ScorecardRules): boolean {
  return dossier.procedure?.resultIsPaper ?? rules.electronicResult.resultIsPaperWhenUnknown;
}

function hasElectronicResult(dossier: ScorecardDossier, needs: 'codeAndFile' | 'file'): boolean {
  return (dossier.results ?? []).some((result) => !!result.url && (needs === 'file' || !!result.resultCode));
}

/** While open, an electronic result can still come: by the promised date, when it is resolved. */
function resultWatch(view: DossierView): ScorecardWatchItem | undefined {
  if (!view.open || !view.dossier.dueAt) return undefined;
  return {
    handleBy: new Date(view.dossier.dueAt).toISOString(),
    reason: { code: 'issueElectronicResult' },
  };
}

/** [766 1.4] synced dossiers received in the period / dossiers received in it. */
function classifySync(view: DossierView): IndicatorVerdict {
  return verdict(
    view,
    '1.4',
    view.dossier.syncedAt ? met('synced') : missed({ code: 'notSynced' }, 'notSynced'),
  );
}

/**
 * [766 3.3] KenhThucHien 2, and for a procedure whose result is a paper, an electronic result
 * ("có mã kết quả + đường links kết quả"). With `multiplyBySyncRate` the share is taken over what
 * the portal holds (synced dossiers) and multiplied by the sync rate when scored.
 */
function classifyOnline(view: DossierView, rules: ScorecardRules): IndicatorVerdict | undefined {
  const { dossier } = view;
  if (rules.online.multiplyBySyncRate && !dossier.syncedAt) return undefined;
  if (dossier.channel === 'post')
    return verdict(view, '3.3', missed({ code: 'notOnline', channel: 'post' }, 'post'));
  if (dossier.channel !== 'online') {
    return verdict(view, '3.3', missed({ code: 'notOnline', channel: 'counter' }, 'counter'));
  }
  const needsResult =
    resultIsPaper(dossier, rules) && !(view.open && rules.online.electronicResultWhileOpen === 'notRequired');
  if (!needsResult || hasElectronicResult(dossier, rules.electronicResult.forOnlineShare)) {
    return verdict(view, '3.3', met('online'));
  }
  return verdict(
    view,
    '3.3',
    missed({ code: 'noElectronicResult' }, 'onlineWithoutElectronicResult', resultWatch(view)),
  );
}

/**
 * [766 3.6] paid online (DuocThanhToanTrucTuyen 1 or 2) over dossiers of procedures with a fee
 * in the catalogue, less those whose synced fee lines are all 0. Without the catalogue the
 * dossier's own fee lines decide.
 */
function classifyPayment(view: DossierView, rules: ScorecardRules): IndicatorVerdict | undefined {
  const { dossier } = view;
  const fees = dossier.fees ?? [];
  const chargesFee = dossier.procedure?.chargesFee;
  const payable =
    chargesFee === undefined
      ? fees.some((fee) => fee.amount > 0)
      : chargesFee &&
        (fees.length === 0 ? rules.payment.withoutFeeLines === 'keep' : fees.some((fee) => fee.amount > 0));
  if (!payable) return undefined;
  return verdict(
    view,
    '3.6',
    dossier.paidOnline ? met('paidOnline') : missed({ code: 'notPaidOnline' }, 'notPaidOnline'),
  );
}

/** 4.1 and 4.2 place a dossier by reception, or under `endOfProcessing` by the day it ended. */
function resultSpan(view: DossierView, rules: ScorecardRules): DaySpan | undefined {
  if (rules.results.periodBy === 'receivedAt') return { first: view.receptionDay, last: view.receptionDay };
  if (view.open || !view.end) return undefined;
  const endDay = vietnamDay(new Date(view.end.at));
  return { first: endDay, last: endDay };
}

const closedWithoutResult = (view: DossierView, rules: ScorecardRules) =>
  rules.results.excludeClosedWithoutResult && view.end?.kind === 'closed';

/** [766 4.1] a result file synced, over dossiers of procedures whose result is a paper. */
function classifyElectronicResult(view: DossierView, rules: ScorecardRules): IndicatorVerdict | undefined {
  const span = resultSpan(view, rules);
  if (!span || !resultIsPaper(view.dossier, rules) || closedWithoutResult(view, rules)) return undefined;
  const outcome = hasElectronicResult(view.dossier, rules.electronicResult.forResultIndicators)
    ? met()
    : missed({ code: 'noElectronicResult' }, 'missed', resultWatch(view));
  return verdict(view, '4.1', outcome, span);
}

/**
 * [766 4.2] digitised: "(1) Có file đính kèm trong thành phần hồ sơ" and "(2) cấp kết quả giải
 * quyết điện tử đối với TTHC yêu cầu trả kết quả bằng văn bản giấy tờ".
 */
function classifyDigitised(view: DossierView, rules: ScorecardRules): IndicatorVerdict | undefined {
  const span = resultSpan(view, rules);
  if (!span || closedWithoutResult(view, rules)) return undefined;
  const { dossier } = view;
  const reasons: ShortfallReason[] = [];
  if (!(dossier.documents ?? []).some((document) => !!document.url))
    reasons.push({ code: 'noSubmittedFile' });
  const needsResultFile =
    rules.results.digitisedNeedsResultFile === 'allProcedures' || resultIsPaper(dossier, rules);
  const resultMissing =
    needsResultFile && !hasElectronicResult(dossier, rules.electronicResult.forResultIndicators);
  if (resultMissing) reasons.push({ code: 'noResultFile' });
  if (reasons.length === 0) return verdict(view, '4.2', met(), span);
  const watch = reasons.length === 1 && resultMissing ? resultWatch(view) : undefined;
  return verdict(view, '4.2', { category: 'missed', met: false, reasons, ...(watch ? { watch } : {}) }, span);
}

/** [766 4.3] HoSoCoThanhPhanSoHoa = 1, or a component DuocSoHoa = 1 (and, if chosen, DuocTaiSuDung). */
function classifyReuse(view: DossierView, rules: ScorecardRules): IndicatorVerdict {
  const { dossier } = view;
  const documents = dossier.documents ?? [];
  const evidence = new Set(rules.reuse.evidence);
  const reused =
    (evidence.has('dossierFlag') && dossier.hasDigitisedComponent === true) ||
    (evidence.has('documentDigitised') && documents.some((document) => document.digitised === true)) ||
    (evidence.has('documentReuse') && documents.some((document) => (document.reuse ?? 0) > 0));
  return verdict(view, '4.3', reused ? met() : missed({ code: 'noReuse' }));
}

/** [766 4.4] "Update: Trong TaiLieuNop có DuocLayTuKhoDMQG = 1". */
function classifyNationalStore(view: DossierView, rules: ScorecardRules): IndicatorVerdict {
  const { dossier } = view;
  const fromStore =
    (dossier.documents ?? []).some((document) => document.fromNationalStore === true) ||
    (rules.nationalStore.countsElectronicResult && hasElectronicResult(dossier, 'file'));
  return verdict(view, '4.4', fromStore ? met() : missed({ code: 'noNationalStoreDocument' }));
}

/** [766 4.5] dossier rate: VNeID-verified account, a component from the store, or the population database. */
function classifyPopulationData(view: DossierView, rules: ScorecardRules): IndicatorVerdict | undefined {
  const { dossier } = view;
  const { evidence, populationDatabaseCodes, onlyCitizenApplicants } = rules.populationData;
  const applicantType = dossier.applicant?.type;
  if (onlyCitizenApplicants && applicantType !== undefined && applicantType !== 'citizen') return undefined;
  const codes = new Set(populationDatabaseCodes);
  const used =
    (evidence.includes('vneid') && dossier.applicant?.verifiedWithVNeID === true) ||
    (evidence.includes('nationalStore') &&
      (dossier.documents ?? []).some((document) => document.fromNationalStore === true)) ||
    (evidence.includes('populationDatabase') &&
      (dossier.nationalDataSources ?? []).some((code) => codes.has(code)));
  return verdict(view, '4.5', used ? met() : missed({ code: 'noPopulationData' }));
}

/** Every reception-placed verdict of one dossier; empty when it was never received. */
export function classifyReceptionIndicators(
  dossier: ScorecardDossier,
  rules: ScorecardRules,
): IndicatorVerdict[] {
  const view = viewOf(dossier, rules);
  if (!view) return [];
  return [
    classifySync(view),
    classifyOnline(view, rules),
    classifyPayment(view, rules),
    classifyElectronicResult(view, rules),
    classifyDigitised(view, rules),
    classifyReuse(view, rules),
    classifyNationalStore(view, rules),
    classifyPopulationData(view, rules),
  ].filter((item): item is IndicatorVerdict => item !== undefined);
}
