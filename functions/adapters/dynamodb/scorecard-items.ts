import * as z from 'zod';
import { dossierStatusSchema } from '../../../contracts/dossier-status';
import { processingTimeUnitSchema, scorecardIndicatorIdSchema } from '../../../contracts/scorecard';
import type { IndicatorVerdict, ShortfallReason, WatchReason } from '../../core/scorecard/indicator-verdict';
import type { ScorecardDossier } from '../../core/scorecard/scorecard-dossier';

/** How scorecard items are read back (ADR 14): every stored value through its schema. */

const code = <Code extends string>(value: Code) => z.object({ code: z.literal(value) });
const workingDays = z.number();

const shortfallReasonSchema = z.discriminatedUnion('code', [
  code('notSynced'),
  code('finishedLate').extend({ workingDays }),
  code('openPastDue').extend({ workingDays }),
  code('repeatedSupplement').extend({ requests: z.number() }),
  code('noDeadline'),
  code('noElectronicResult'),
  code('notOnline').extend({ channel: z.enum(['counter', 'post']) }),
  code('notPaidOnline'),
  code('noSubmittedFile'),
  code('noResultFile'),
  code('noReuse'),
  code('noNationalStoreDocument'),
  code('noPopulationData'),
  code('feedbackLate').extend({ step: z.enum(['refuse', 'askMore', 'answer', 'publish']), workingDays }),
  code('feedbackOpenPastDue').extend({ workingDays }),
  code('feedbackDisliked'),
  code('followUpComplaint'),
  code('dossierComplained'),
  code('dossierDisliked'),
  code('unclassified'),
]) satisfies z.ZodType<ShortfallReason>;

const watchReasonSchema = z.discriminatedUnion('code', [
  code('finishProcessing'),
  code('issueElectronicResult'),
  code('answerFeedback'),
  code('publishAnswer'),
]) satisfies z.ZodType<WatchReason>;

export const indicatorVerdictSchema = z.object({
  indicator: scorecardIndicatorIdSchema,
  subjectCode: z.string(),
  agencyCode: z.string(),
  procedureCode: z.string().optional(),
  span: z.object({ first: z.string(), last: z.string().nullable() }),
  category: z.string(),
  met: z.boolean(),
  reasons: z.array(shortfallReasonSchema),
  watch: z.object({ handleBy: z.string(), reason: watchReasonSchema }).optional(),
  measure: z.object({ value: z.number(), unit: processingTimeUnitSchema }).optional(),
  provisional: z.boolean(),
}) satisfies z.ZodType<IndicatorVerdict>;

const instant = z.string();

export const scorecardDossierSchema = z.object({
  dossierCode: z.string(),
  agencyCode: z.string(),
  procedureCode: z.string(),
  channel: z.enum(['counter', 'online', 'post']).optional(),
  submittedAt: instant.optional(),
  receivedAt: instant.optional(),
  dueAt: instant.optional(),
  dueAtHistory: z.array(z.object({ dueAt: instant, at: instant })).optional(),
  statusHistory: z.array(z.object({ status: dossierStatusSchema, at: instant })),
  supplements: z
    .array(
      z.object({
        id: z.string().optional(),
        requestedAt: instant,
        receivedAt: instant.optional(),
        previousDueAt: instant.optional(),
        newDueAt: instant.optional(),
      }),
    )
    .optional(),
  finishedAt: instant.optional(),
  returnedAt: instant.optional(),
  refusedAt: instant.optional(),
  results: z
    .array(
      z.object({ id: z.string().optional(), resultCode: z.string().optional(), url: z.string().optional() }),
    )
    .optional(),
  documents: z
    .array(
      z.object({
        url: z.string().optional(),
        digitised: z.boolean().optional(),
        reuse: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        fromNationalStore: z.boolean().optional(),
      }),
    )
    .optional(),
  hasDigitisedComponent: z.boolean().optional(),
  applicant: z
    .object({
      type: z.enum(['citizen', 'business', 'agency', 'organisation']).optional(),
      verifiedWithVNeID: z.boolean().optional(),
    })
    .optional(),
  nationalDataSources: z.array(z.string()).optional(),
  fees: z.array(z.object({ amount: z.number() })).optional(),
  paidOnline: z.enum(['national', 'province']).optional(),
  syncedAt: instant.optional(),
  procedure: z
    .object({
      resultIsPaper: z.boolean().optional(),
      chargesFee: z.boolean().optional(),
      maxProcessingTime: z.object({ value: z.number(), unit: processingTimeUnitSchema }).optional(),
    })
    .optional(),
  feedback: z.object({ complaints: z.number().optional(), dislikes: z.number().optional() }).optional(),
}) satisfies z.ZodType<ScorecardDossier>;

/** The entry item keeps where its verdicts are (months, open) without repeating them. */
export const scorecardEntryItemSchema = z.object({
  sheet: scorecardDossierSchema,
  sequence: z.number().int(),
  placedMonths: z.array(z.string()),
  openFirstDay: z.string().optional(),
});

export const monthVerdictsItemSchema = z.object({ verdicts: z.array(indicatorVerdictSchema) });
export const openDossierItemSchema = z.object({ sheet: scorecardDossierSchema });
