import * as z from 'zod';
import { agencyCodeSchema } from './codes';

/**
 * The agency re-coding table an administrator maintains (config/agency-recoding.json): from
 * 1 July 2025 provinces merged and the district level was abolished, so agency codes were
 * retired and replaced (DOMAIN.md, legal frame). Dates are Vietnam calendar days: a code is
 * retired from 00:00 Vietnam time of `effectiveFrom`.
 */

const vietnamDaySchema = z.iso
  .date({
    message: 'Ngày không hợp lệ / Invalid date: yyyy-MM-dd (Vietnam calendar day) expected, e.g. 2025-07-01',
  })
  .meta({ example: '2025-07-01' });

export const agencyRecodingRowSchema = z
  .strictObject({
    retiredCode: agencyCodeSchema.meta({ description: 'The code that stops being used for new dossiers' }),
    replacementCode: agencyCodeSchema.meta({ description: 'The code new dossiers use instead' }),
    effectiveFrom: vietnamDaySchema.meta({
      description:
        'First Vietnam calendar day of the replacement; dossiers whose MaHoSo date is earlier keep the retired code',
    }),
    note: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'Why, e.g. the resolution that merged the units' }),
  })
  .meta({ id: 'AgencyRecodingRow' });

export const agencyRecodingFileSchema = z.strictObject({
  /** Changes with every edit, so an administrator can tell which table a running function loaded. */
  version: z.string().min(1).max(100),
  rows: z.array(agencyRecodingRowSchema).max(10_000),
});

export type AgencyRecodingRow = z.infer<typeof agencyRecodingRowSchema>;

/** GET /v1/admin/agency-codes: the loaded table, each row with the code it leads to today. */
export const agencyRecodingViewSchema = z
  .object({
    version: z.string(),
    rows: z.array(
      agencyRecodingRowSchema.extend({
        currentCode: agencyCodeSchema.meta({
          description: 'Where the retired code leads today, following later re-codings of its replacement',
        }),
      }),
    ),
  })
  .meta({ id: 'AgencyRecodingTable' });

export type AgencyRecodingView = z.infer<typeof agencyRecodingViewSchema>;
