import * as z from 'zod';
import { agencyCodeSchema, dossierCodeSchema, isoDateTimeSchema } from './codes';
import { timelineEntrySchema } from './provincial-api';

/**
 * Citizen feedback (phản ánh, kiến nghị — PAKN) and satisfaction ratings as provincial systems
 * see them (DESIGN.md "Public contract v1.1", issue 23). The national wire is another module's
 * (contracts/national-feedback.ts); these are the gateway's own names.
 */

export const feedbackIdSchema = z
  .string()
  .regex(
    /^[0-9A-Za-z_-]{1,64}$/,
    'Mã phản ánh không hợp lệ / Invalid feedback id: 1 to 64 letters, digits, _ or -',
  )
  .meta({ description: 'The national portal’s id of the feedback item (HOIDAPID)', example: '240118' });

/**
 * Where a feedback item stands, after the steps QĐ 766 indicator 5.2 counts: waiting for
 * reception, received, more information asked of the citizen, refused, answered, published.
 */
export const feedbackStates = [
  'waiting',
  'received',
  'more_info_requested',
  'refused',
  'answered',
  'published',
] as const;
export const feedbackStateSchema = z.enum(feedbackStates);
export type FeedbackState = z.infer<typeof feedbackStateSchema>;

/** The citizen who wrote: personal data, masked for anyone without `pii:read`. */
export const feedbackCitizenSchema = z.object({
  name: z.string().min(1).max(200),
  phone: z.string().max(30).optional(),
  email: z.string().max(200).optional(),
  address: z.string().max(500).optional(),
});

/** `feedback.received`: one feedback item addressed to one of the system's agencies. */
export const feedbackReceivedDataSchema = z
  .object({
    feedbackId: feedbackIdSchema,
    agencyCode: agencyCodeSchema,
    agencyName: z.string().max(500).optional(),
    title: z.string().max(1000).optional(),
    content: z.string().min(1).max(20_000),
    fieldCode: z.string().max(100).optional(),
    procedureCode: z.string().max(100).optional(),
    dossierCode: dossierCodeSchema
      .optional()
      .meta({ description: 'The dossier the feedback is about, if any' }),
    citizen: feedbackCitizenSchema,
    sentAt: isoDateTimeSchema.meta({ description: 'When the citizen sent it (Vietnam time)' }),
    forwardedAt: isoDateTimeSchema.optional().meta({
      description: 'Latest forwarding to the agency; QĐ 766 5.2 starts the clock here when present',
    }),
  })
  .meta({ id: 'FeedbackReceivedData' });
export type FeedbackReceivedData = z.infer<typeof feedbackReceivedDataSchema>;

/** `rating.received`: a citizen's like or dislike of a feedback answer or of a dossier's handling. */
export const ratingReceivedDataSchema = z
  .object({
    ratingId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
    agencyCode: agencyCodeSchema,
    feedbackId: feedbackIdSchema.optional(),
    dossierCode: dossierCodeSchema.optional(),
    verdict: z.enum(['like', 'dislike']),
    comment: z.string().max(4000).optional(),
    ratedAt: isoDateTimeSchema,
  })
  .refine((rating) => (rating.feedbackId === undefined) !== (rating.dossierCode === undefined), {
    message:
      'Một đánh giá thuộc đúng một phản ánh hoặc một hồ sơ / A rating is of exactly one feedback item or dossier',
    path: ['feedbackId'],
  })
  .meta({ id: 'RatingReceivedData' });
export type RatingReceivedData = z.infer<typeof ratingReceivedDataSchema>;

const officialSchema = z.object({ name: z.string().min(1).max(200), title: z.string().max(200).optional() });

/**
 * `feedback.due_soon` / `feedback.overdue`: an open item's next step is near its QĐ 766 5.2
 * deadline, or past it. Sent once per item, step and deadline.
 */
export const feedbackDeadlineNoticeDataSchema = z
  .object({
    feedbackId: feedbackIdSchema,
    agencyCode: agencyCodeSchema,
    state: feedbackStateSchema,
    step: z.enum(['answer', 'publish']).meta({
      description: 'answer: 15 working days from the start; publish: 2 working days from the answer',
    }),
    dueAt: isoDateTimeSchema.meta({ description: 'Vietnam time' }),
    workingDaysLeft: z.number().int().min(0).optional(),
    workingDaysLate: z.number().int().min(0).optional(),
  })
  .meta({ id: 'FeedbackDeadlineNoticeData' });
export type FeedbackDeadlineNoticeData = z.infer<typeof feedbackDeadlineNoticeDataSchema>;

/** POST /v1/feedback/{id}/answer. */
export const feedbackAnswerSchema = z
  .strictObject({
    answer: z.string().min(1).max(20_000),
    answeredBy: officialSchema,
    answeredAt: isoDateTimeSchema,
  })
  .meta({
    id: 'FeedbackAnswer',
    example: {
      answer: 'Sở Tư pháp đã kiểm tra và đề nghị bộ phận một cửa trả kết quả cho ông vào ngày 20/01/2025.',
      answeredBy: { name: 'Nguyễn Thị Hoa', title: 'Phó Giám đốc' },
      answeredAt: '2025-01-18T09:00:00+07:00',
    },
  });

/** POST /v1/feedback/{id}/state: the steps before and after the answer. */
export const feedbackStateChangeSchema = z
  .strictObject({
    eventId: z.string().min(1).max(100),
    state: z.enum(['received', 'more_info_requested', 'refused', 'published']),
    at: isoDateTimeSchema,
    handledBy: officialSchema,
    note: z.string().max(4000).optional(),
  })
  .meta({
    id: 'FeedbackStateChange',
    example: {
      eventId: 'pakn-240118-tiep-nhan',
      state: 'received',
      at: '2025-01-16T08:15:00+07:00',
      handledBy: { name: 'Trần Văn Bình', title: 'Chuyên viên' },
    },
  });

/**
 * What a national-bound feedback message carries (kind `feedback.reply`): one step of the
 * province's handling, the answer being the step `answered`.
 */
export const feedbackReplyMessageSchema = z.object({
  feedbackId: feedbackIdSchema,
  state: z.enum(['received', 'more_info_requested', 'refused', 'answered', 'published']),
  at: isoDateTimeSchema,
  handledBy: officialSchema,
  answer: z.string().min(1).max(20_000).optional(),
  note: z.string().max(4000).optional(),
});
export type FeedbackReplyMessage = z.infer<typeof feedbackReplyMessageSchema>;

export const feedbackAcceptedSchema = z
  .object({
    feedbackId: feedbackIdSchema,
    messageId: z.string(),
    state: feedbackStateSchema.meta({ description: 'The item’s state once this request applies' }),
  })
  .meta({ id: 'FeedbackAccepted' });

/** The national portal's push of a feedback item or a rating, once stored. */
export const feedbackPushAcceptedSchema = z
  .object({
    id: z.string().meta({ description: 'HOIDAPID of the item, or DANHGIAID of the rating' }),
    messageId: z.string(),
    state: z.literal('accepted'),
  })
  .meta({ id: 'FeedbackPushAccepted' });

/** GET /v1/feedback/{id}. */
export const feedbackViewSchema = z
  .object({
    feedbackId: feedbackIdSchema,
    agencyCode: agencyCodeSchema,
    state: feedbackStateSchema,
    sentAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema
      .optional()
      .meta({ description: 'When the next step is due (QĐ 766 5.2), absent once published or refused' }),
    likes: z.number().int().min(0),
    dislikes: z.number().int().min(0),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'FeedbackView' });
export type FeedbackView = z.infer<typeof feedbackViewSchema>;

/**
 * The ordered channel a feedback message travels in (queue group, store partition): its item's
 * (`PAKN.<id>`), or for a rating of a dossier that dossier's (`DANHGIA.<code>`). Never a dossier
 * code, so no dossier view, listing or deadline takes it for one.
 */
export const feedbackSubjectSchema = z.string().regex(/^(PAKN|DANHGIA)\.[0-9A-Za-z._-]{1,100}$/);
export const feedbackSubject = (feedbackId: string) => `PAKN.${feedbackId}`;
export const dossierRatingSubject = (dossierCode: string) => `DANHGIA.${dossierCode}`;
export const isFeedbackSubject = (subject: string) => feedbackSubjectSchema.safeParse(subject).success;
