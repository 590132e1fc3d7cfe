import * as z from 'zod';
import {
  dossierCodeSchema,
  isoDateTimeSchema,
  personalIdSchema,
  requiredText,
  vndAmountSchema,
} from './codes';
import { paymentReferenceSchema, SEPARATOR_MESSAGE, separatorFree } from './payment-platform';
import { feeLineSchema } from './provincial-api';

/**
 * The provincial payment API (DESIGN.md, "Public contract v1": POST /v1/payments, GET
 * /v1/payments/{id}). Extensions of the baseline are optional fields only: `amount` (checked
 * against the lines), `beneficiary` and `payer.address`.
 */

export const paymentStateSchema = z
  .enum(['pending', 'paid', 'failed', 'expired'])
  .meta({ description: 'pending: waiting for the payer; paid is final', example: 'pending' });

export const paymentRequestSchema = z
  .strictObject({
    dossierCode: dossierCodeSchema,
    lines: z.array(feeLineSchema).min(1).max(50),
    amount: vndAmountSchema.optional().meta({ description: 'When sent, must equal the sum of the lines' }),
    payer: z.strictObject({
      name: requiredText(200),
      idNumber: personalIdSchema.optional(),
      address: requiredText(500).optional(),
    }),
    beneficiary: z
      .strictObject({
        accountNumber: z.string().regex(/^\d{6,20}$/, 'Số tài khoản gồm 6 đến 20 chữ số / 6 to 20 digits'),
        bankCode: requiredText(20),
        accountName: requiredText(200),
      })
      .optional()
      .meta({
        description:
          'Beneficiary account (TKThuHuong); when absent the platform uses the account registered for the agency',
      }),
    returnUrl: z.url({ protocol: /^https?$/ }).max(2000),
    description: requiredText(500).refine(separatorFree, SEPARATOR_MESSAGE).optional().meta({
      description:
        'What the payer sees (ThongTinGiaoDich, which the platform signs); "|" is refused, being the checksum separator',
    }),
  })
  .superRefine((request, context) => {
    const total = request.lines.reduce((sum, line) => sum + line.amount, 0);
    if (!Number.isSafeInteger(total)) {
      context.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'Tổng tiền quá lớn / The total is too large',
      });
    } else if (request.amount !== undefined && request.amount !== total) {
      context.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `Số tiền phải bằng tổng các khoản (${total}) / amount must equal the sum of the lines (${total})`,
      });
    }
    const codes = request.lines.map((line) => line.code);
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['lines', index, 'code'],
          message: `Mã khoản thu ${code} bị lặp / Fee code ${code} appears twice`,
        });
      }
    });
  })
  .meta({
    id: 'PaymentRequest',
    description: 'Collect a dossier’s fees through the national payment platform',
  });

export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

export const paymentCreatedSchema = z
  .object({
    paymentId: z.string(),
    paymentUrl: z.url().meta({ description: 'Send the payer here' }),
    reference: z.string().meta({
      description: 'MaThamChieu: the payment platform’s reference, as on its page and its daily list',
    }),
    expiresAt: isoDateTimeSchema,
    state: paymentStateSchema,
  })
  .meta({ id: 'PaymentCreated' });

export const paymentViewSchema = z
  .object({
    paymentId: z.string(),
    dossierCode: dossierCodeSchema,
    amount: vndAmountSchema,
    state: paymentStateSchema,
    reference: paymentReferenceSchema,
    platformTransactionId: z.string().optional(),
    lines: z.array(feeLineSchema),
    createdAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema.optional(),
    settledAt: isoDateTimeSchema.optional().meta({ description: 'When it became paid, failed or expired' }),
  })
  .meta({ id: 'Payment' });

export type PaymentView = z.infer<typeof paymentViewSchema>;
