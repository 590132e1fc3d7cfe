import * as z from 'zod';
import { dossierCodeSchema } from './codes';
import { nationalFeeSchema } from './national-portal';

/**
 * The national portal asks what a dossier must pay (DOMAIN.md, "National portal — dossier
 * sync"): MaHoSo in; `error_code` -1 error or not found, 0 nothing to pay, 1 payable with the
 * fee lines. Scalars are strings on this wire; the envelope follows the portal's
 * `{error_code, message, result}`.
 */
export const feeLookupRequestSchema = z
  .object({ MaHoSo: dossierCodeSchema })
  .meta({ id: 'FeeLookupRequest' });

export const feeLookupCodes = { error: '-1', nothingToPay: '0', payable: '1' } as const;

export const feeLookupReplySchema = z
  .object({
    error_code: z.enum(['-1', '0', '1']),
    message: z.string(),
    result: z
      .object({
        MaHoSo: dossierCodeSchema,
        TongTien: z.string().regex(/^\d+$/),
        DanhSachLePhi: z.array(nationalFeeSchema),
        /** The open payment's reference (MaThamChieu), when one is waiting for the payer. */
        MaThamChieu: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'FeeLookupReply' });

export type FeeLookupReply = z.infer<typeof feeLookupReplySchema>;
