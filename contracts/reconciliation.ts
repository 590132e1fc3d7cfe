import * as z from 'zod';
import { calendarDaySchema, isoDateTimeSchema } from './codes';
import { pageSchema } from './lists';

/** Admin API for reconciliation (đối soát): DESIGN.md, `GET /v1/admin/reconciliation-reports`. */

export const reconciliationRunRequestSchema = z
  .strictObject({ day: calendarDaySchema })
  .meta({ id: 'ReconciliationRunRequest' });

export const mismatchKinds = [
  'missingOnGateway',
  'missingOnPlatform',
  'amountMismatch',
  'statusMismatch',
] as const;

export const reconciliationEntrySchema = z
  .object({
    kind: z.enum(mismatchKinds),
    reference: z.string(),
    paymentId: z.string().optional(),
    dossierCode: z.string().optional(),
    gatewayAmount: z.number().int().optional(),
    platformAmount: z.number().int().optional(),
    gatewayState: z.string().optional(),
    platformState: z.string().optional(),
    platformTransactionId: z.string().optional(),
  })
  .meta({ id: 'ReconciliationEntry' });

export type ReconciliationEntry = z.infer<typeof reconciliationEntrySchema>;

export const reconciliationSummarySchema = z
  .object({
    reportId: z.string(),
    day: calendarDaySchema,
    trigger: z.enum(['schedule', 'admin']),
    requestedBy: z.string(),
    startedAt: isoDateTimeSchema,
    finishedAt: isoDateTimeSchema,
    platformTransactions: z.number().int().min(0),
    gatewayPayments: z.number().int().min(0),
    matched: z.number().int().min(0),
    mismatches: z.number().int().min(0),
    byKind: z.record(z.enum(mismatchKinds), z.number().int().min(0)),
  })
  .meta({ id: 'ReconciliationSummary' });

export type ReconciliationSummary = z.infer<typeof reconciliationSummarySchema>;

export const reconciliationReportSchema = reconciliationSummarySchema
  .extend({ entries: z.array(reconciliationEntrySchema) })
  .meta({ id: 'ReconciliationReport' });

export type ReconciliationReport = z.infer<typeof reconciliationReportSchema>;

export const reconciliationReportListSchema = pageSchema(
  reconciliationSummarySchema,
  'ReconciliationReportList',
);
