import type { z } from 'zod';
import {
  feedbackDeadlineNoticeDataSchema,
  feedbackReceivedDataSchema,
  feedbackReplyMessageSchema,
  ratingReceivedDataSchema,
} from './feedback';
import { dossierSubmissionSchema, statusChangeSchema } from './provincial-api';
import { deadlineNoticeDataSchema, paymentEventDataSchema, statusChangedDataSchema } from './webhooks';

/**
 * The payload schema of each message kind: what an admin's edit-and-replay must satisfy,
 * and what a relay reads back from the store.
 */
export const messagePayloadSchemas = {
  'dossier.sync': dossierSubmissionSchema,
  'dossier.status': statusChangeSchema,
  'dossier.submitted': dossierSubmissionSchema,
  'dossier.status_changed': statusChangedDataSchema,
  'payment.progress': paymentEventDataSchema,
  'payment.succeeded': paymentEventDataSchema,
  'payment.failed': paymentEventDataSchema,
  'dossier.due_soon': deadlineNoticeDataSchema,
  'dossier.overdue': deadlineNoticeDataSchema,
  // The dossier as the gateway holds it now (latest version, current status): a drift re-sync.
  'dossier.resync': dossierSubmissionSchema,
  'feedback.received': feedbackReceivedDataSchema,
  'rating.received': ratingReceivedDataSchema,
  'feedback.due_soon': feedbackDeadlineNoticeDataSchema,
  'feedback.overdue': feedbackDeadlineNoticeDataSchema,
  // An answer or another step of the province's handling, for the national portal (issue 23).
  'feedback.reply': feedbackReplyMessageSchema,
} as const satisfies Record<string, z.ZodType>;
