import * as z from 'zod';
import { agencyCodeSchema, dossierCodeSchema } from './codes';
import { dossierStatusSchema } from './dossier-status';
import { listSchema, pageCursorSchema, pageLimitSchema, pageSchema } from './lists';

/**
 * Drift check (issue 11): what the national portal holds (TraCuuHoSo) against what the gateway
 * last delivered there. Admin API under /v1/admin (scope admin).
 */

export const driftFindingStates = ['open', 'resynced', 'resolved'] as const;

export const driftFindingSchema = z
  .object({
    findingId: z.string(),
    dossierCode: dossierCodeSchema,
    agencyCode: agencyCodeSchema,
    state: z.enum(driftFindingStates).meta({
      description:
        'open: the portal differs; resynced: an administrator sent the dossier again and the next check decides; resolved: a later check found the portal in agreement',
    }),
    kind: z.enum(['status', 'missing']).meta({
      description: 'status: the portal shows another TrangThaiHoSo; missing: TraCuuHoSo finds no record',
    }),
    ourStatus: dossierStatusSchema.meta({
      description: 'The status the gateway last delivered to the portal',
    }),
    portalStatus: z
      .string()
      .optional()
      .meta({ description: 'TrangThaiHoSo the portal holds (absent when it holds no record)' }),
    detectedAt: z.string(),
    lastCheckedAt: z.string(),
    /** Every write bumps it; writers update only the revision they read. */
    revision: z.number().int().min(1),
    resyncs: z.number().int().min(0),
    resyncedAt: z.string().optional(),
    resyncedBy: z.string().optional(),
    resolvedAt: z.string().optional(),
  })
  .meta({ id: 'DriftFinding' });

export type DriftFinding = z.infer<typeof driftFindingSchema>;
export type DriftFindingState = DriftFinding['state'];

export const driftFindingListQuerySchema = z.strictObject({
  state: z.enum(driftFindingStates).optional(),
  cursor: pageCursorSchema,
  limit: pageLimitSchema,
});

export const driftFindingPageSchema = pageSchema(driftFindingSchema, 'DriftFindingPage');

export const driftRunReportSchema = z
  .object({
    runId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    /** Synced dossiers taken from the rolling scan, plus open findings checked again. */
    sampled: z.number().int().min(0),
    /** Looked up at the portal and compared. */
    checked: z.number().int().min(0),
    /** Messages still on their way to the portal (or parked): a difference is expected, not drift. */
    skippedInFlight: z.number().int().min(0),
    agreed: z.number().int().min(0),
    /** The portal shows another status. */
    drifted: z.number().int().min(0),
    /** The portal holds no record of a dossier the gateway synced. */
    missingAtPortal: z.number().int().min(0),
    /** Look-ups that failed (portal down, breaker open); those dossiers are checked another time. */
    errors: z.number().int().min(0),
    opened: z.number().int().min(0).meta({ description: 'Findings opened (or reopened) by this run' }),
    resolved: z.number().int().min(0).meta({ description: 'Findings this run found in agreement again' }),
  })
  .meta({ id: 'DriftRunReport' });

export type DriftRunReport = z.infer<typeof driftRunReportSchema>;

export const driftRunListSchema = listSchema(driftRunReportSchema, 'DriftRunList');

export const resyncResultSchema = z
  .object({
    finding: driftFindingSchema,
    messageId: z.string(),
    sequence: z.number().int().positive(),
  })
  .meta({ id: 'ResyncResult' });
