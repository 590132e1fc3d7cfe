import * as z from 'zod';
import { listSchema, pageLimitSchema } from './lists';
import { catalogueEntrySchema, catalogueKindSchema, catalogueKinds } from './national-catalogues';

/**
 * National catalogues kept by the gateway (issue 21; DESIGN.md "National catalogues and code
 * mappings"): versions pulled from the portal, what changed between them, and the refresh runs.
 * Admin API under /v1/admin (scope admin).
 */

/** At most this many codes are listed per change kind; the counts are always whole. */
export const CHANGE_LIST_LIMIT = 200;

const codeList = z.array(z.string()).max(CHANGE_LIST_LIMIT);

export const catalogueChangesSchema = z
  .object({
    added: z.number().int().min(0),
    removed: z.number().int().min(0),
    renamed: z.number().int().min(0),
    addedCodes: codeList,
    removedCodes: codeList,
    renamedCodes: codeList,
  })
  .meta({
    id: 'CatalogueChanges',
    description: `Against the version before (none for the first); each list names at most ${CHANGE_LIST_LIMIT} codes`,
  });

export type CatalogueChanges = z.infer<typeof catalogueChangesSchema>;

export const catalogueVersionSummarySchema = z
  .object({
    kind: catalogueKindSchema,
    version: z.number().int().min(1),
    pulledAt: z.string(),
    /** The last pull that found the portal's list the same as this version. */
    checkedAt: z.string(),
    entries: z.number().int().min(0),
    changes: catalogueChangesSchema,
  })
  .meta({ id: 'CatalogueVersion' });

export type CatalogueVersionSummary = z.infer<typeof catalogueVersionSummarySchema>;

export const catalogueOutcomes = ['updated', 'unchanged', 'first', 'failed', 'partial'] as const;

export const catalogueRefreshResultSchema = z
  .object({
    kind: catalogueKindSchema,
    outcome: z.enum(catalogueOutcomes).meta({
      description:
        'first: the first version loaded; updated: a new version is current; unchanged: the portal lists the same; failed: the pull failed; partial: the answer was incomplete (unreadable rows, or far fewer entries than the current version). After failed or partial the last good version stays current.',
    }),
    version: z.number().int().min(1).optional().meta({ description: 'The current version after the run' }),
    entries: z.number().int().min(0).optional(),
    unreadableRows: z.number().int().min(0).optional(),
    changes: catalogueChangesSchema.optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'CatalogueRefreshResult' });

export type CatalogueRefreshResult = z.infer<typeof catalogueRefreshResultSchema>;

export const catalogueRefreshReportSchema = z
  .object({
    startedAt: z.string(),
    finishedAt: z.string(),
    results: z.array(catalogueRefreshResultSchema),
  })
  .meta({ id: 'CatalogueRefreshReport' });

export type CatalogueRefreshReport = z.infer<typeof catalogueRefreshReportSchema>;

export const catalogueSearchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().meta({
    description:
      'Words of a name (accents and case ignored) or the start of a code; absent lists from the top',
  }),
  limit: pageLimitSchema,
});

export const catalogueSearchResultSchema = z
  .object({
    kind: catalogueKindSchema,
    /** Absent while no version was ever loaded. */
    version: catalogueVersionSummarySchema.optional(),
    items: z.array(catalogueEntrySchema),
  })
  .meta({ id: 'CatalogueSearchResult' });

export const catalogueRefreshRequestSchema = z
  .strictObject({
    kinds: z
      .array(catalogueKindSchema)
      .min(1)
      .max(catalogueKinds.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'Mỗi danh mục một lần / each catalogue once')
      .optional()
      .meta({ description: 'The catalogues to pull; all three when absent' }),
  })
  .meta({ id: 'CatalogueRefreshRequest' });

export const catalogueVersionListSchema = listSchema(catalogueVersionSummarySchema, 'CatalogueVersionList');
