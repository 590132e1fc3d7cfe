import * as z from 'zod';
import { codeMappingSchema, localCodeSchema, mappingKindSchema, unmappedCodeSchema } from './code-mappings';

/**
 * The admin API's requests and answers about code mappings (issue 21; DESIGN.md "National
 * catalogues and code mappings"): writes, lists, file imports and the unmapped-code list. Apart
 * from contracts/code-mappings.ts, which only the stored shapes the workers read.
 */

/** A catalogue entry suggested for a code it does not list. */
export const closestEntrySchema = z.object({ code: z.string(), entryName: z.string() });

export const mappingWriteSchema = z
  .strictObject({
    nationalCode: localCodeSchema.meta({ description: 'The code the national catalogue lists' }),
    nationalName: z.string().trim().min(1).max(1000).optional().meta({
      description:
        'The national name, when the catalogue has not loaded yet; the catalogue’s name wins once it has',
    }),
  })
  .meta({ id: 'CodeMappingWrite' });

export type MappingWrite = z.infer<typeof mappingWriteSchema>;

export const mappingListQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().meta({
    description: 'The start of a local or national code, or words of the national name (accents ignored)',
  }),
});

export const mappingListSchema = z
  .object({ kind: mappingKindSchema, items: z.array(codeMappingSchema) })
  .meta({ id: 'CodeMappingList' });

/** The columns of an import or export file, in order; the header row names them. */
export const mappingFileColumns = ['localCode', 'nationalCode', 'nationalName'] as const;

/** At most this many rows per imported file (a province's procedures are a few thousand). */
export const MAX_IMPORT_ROWS = 20_000;

export const mappingImportRowErrorSchema = z
  .object({
    /** 1-based, the header being row 1, as a spreadsheet numbers it. */
    row: z.number().int().min(1),
    field: z.string(),
    message: z.string().meta({ description: 'Vietnamese, then English' }),
    /** `entryName`, not `name`: answers mask every `name` as a person's. */
    closest: z.array(closestEntrySchema).optional(),
  })
  .meta({ id: 'CodeMappingImportError' });

export const mappingImportResultSchema = z
  .object({
    kind: mappingKindSchema,
    dryRun: z.boolean(),
    /** False when any row is wrong: nothing of the file was saved. */
    applied: z.boolean(),
    rows: z.number().int().min(0),
    added: z.number().int().min(0),
    changed: z.number().int().min(0),
    unchanged: z.number().int().min(0),
    /** Saved while the catalogue of the kind had never loaded (not checked). */
    unchecked: z.number().int().min(0),
    errors: z.array(mappingImportRowErrorSchema),
  })
  .meta({ id: 'CodeMappingImportResult' });

export type MappingImportResult = z.infer<typeof mappingImportResultSchema>;

export const mappingImportQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'Check and count only; nothing is saved' }),
});

export const mappingFileFormats = ['csv', 'xlsx'] as const;
export type MappingFileFormat = (typeof mappingFileFormats)[number];

export const unmappedCodeListSchema = z
  .object({ days: z.number().int(), items: z.array(unmappedCodeSchema) })
  .meta({ id: 'UnmappedCodeList' });
