import * as z from 'zod';
import { catalogueKindSchema } from './national-catalogues';

/**
 * Mappings from a province's local codes to the national ones (issue 21; DESIGN.md "National
 * catalogues and code mappings"), one table per catalogue kind, as real provincial clients keep
 * them ([OCPS] ServiceInfoMapping, DictItemMapping): the shapes stored and read by every
 * function. The admin API's requests and answers are in contracts/code-mapping-api.ts.
 */

export const mappingKindSchema = catalogueKindSchema;

/** A local code as provinces write them: no spaces or slashes, so it is a path segment as is. */
export const localCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s/?#]+$/, 'Mã không có khoảng trắng, /, ?, # / A code has no spaces, /, ? or #');

export const codeMappingSchema = z
  .object({
    kind: mappingKindSchema,
    localCode: z.string(),
    nationalCode: z.string(),
    nationalName: z.string().optional(),
    /**
     * Saved while the catalogue of its kind had never loaded, so nobody could check the
     * national code; cleared by the next save once the catalogue lists it.
     */
    unchecked: z.boolean().optional(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'CodeMapping' });

export type CodeMapping = z.infer<typeof codeMappingSchema>;

/** A code seen on dossiers that no mapping and no catalogue entry explains (the administrator's to-do list). */
export const unmappedCodeSchema = z
  .object({
    kind: mappingKindSchema,
    localCode: z.string(),
    /** Distinct dossiers per day, summed over the days. */
    dossiers: z.number().int().min(0),
    lastSeen: z.string(),
  })
  .meta({ id: 'UnmappedCode' });

export type UnmappedCode = z.infer<typeof unmappedCodeSchema>;

export const UNMAPPED_DAYS = 30;
