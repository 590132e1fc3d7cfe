import * as z from 'zod';
import {
  agencyCodeSchema,
  agencyOfDossierCode,
  dossierCodeSchema,
  fieldCodeSchema,
  isoDateTimeSchema,
  personalIdSchema,
  phoneSchema,
  procedureCodeSchema,
  vndAmountSchema,
} from './codes';
import { dossierStatusSchema } from './dossier-status';

/**
 * The provincial API (DESIGN.md, "Public contract v1"). Objects are strict: an unknown
 * field is a 400, because a misspelt optional field would otherwise vanish silently
 * from a legal record.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

export const applicantSchema = z
  .strictObject({
    type: z.enum(['citizen', 'business', 'agency', 'organisation']),
    name: text(200),
    idNumber: personalIdSchema.optional(),
    phone: phoneSchema.optional(),
    email: z.email().max(254).optional(),
    address: text(500).optional(),
  })
  .meta({ id: 'Applicant' });

export const feeLineSchema = z
  .strictObject({ code: text(50), name: text(300), amount: vndAmountSchema })
  .meta({ id: 'FeeLine' });
export type FeeLine = z.infer<typeof feeLineSchema>;

export const documentSchema = z
  .strictObject({
    id: text(100),
    name: text(300),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    componentCode: text(100).optional(),
  })
  .meta({ id: 'Document' });

export const dossierSubmissionSchema = z
  .strictObject({
    dossierCode: dossierCodeSchema,
    version: z.number().int().positive().max(1_000_000),
    agencyCode: agencyCodeSchema,
    procedureCode: procedureCodeSchema,
    procedureName: text(500),
    fieldCode: fieldCodeSchema.optional(),
    fieldName: text(300).optional(),
    channel: z.enum(['counter', 'online', 'post']),
    applicant: applicantSchema,
    summary: text(1000),
    receivedAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema,
    status: dossierStatusSchema,
    documents: z.array(documentSchema).max(200).optional(),
    fees: z.array(feeLineSchema).max(50).optional(),
    resultDelivery: z.enum(['counter', 'post']).optional(),
    note: text(2000).optional(),
  })
  .superRefine((dossier, context) => {
    if (agencyOfDossierCode(dossier.dossierCode) !== dossier.agencyCode) {
      context.addIssue({
        code: 'custom',
        path: ['dossierCode'],
        message:
          'Mã hồ sơ phải bắt đầu bằng mã cơ quan tiếp nhận / The dossier code must start with the receiving agencyCode',
      });
    }
    if (Date.parse(dossier.dueAt) < Date.parse(dossier.receivedAt)) {
      context.addIssue({
        code: 'custom',
        path: ['dueAt'],
        message: 'Ngày hẹn trả phải sau ngày tiếp nhận / dueAt must not be before receivedAt',
      });
    }
  })
  .meta({
    id: 'DossierSubmission',
    description: 'A dossier created or changed at the provincial desk',
    example: {
      dossierCode: '000.00.12.H12-250314-0007',
      version: 1,
      agencyCode: '000.00.12.H12',
      procedureCode: '1.010708.000.00.00.H12',
      procedureName: 'Đăng ký khai sinh',
      fieldCode: 'G03-HT01',
      fieldName: 'Hộ tịch',
      channel: 'counter',
      applicant: {
        type: 'citizen',
        name: 'Nguyễn Văn An',
        idNumber: '001203004567',
        phone: '0912345678',
        email: 'an.nguyen@example.vn',
        address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
      },
      summary: 'Đăng ký khai sinh cho con thứ hai',
      receivedAt: '2025-03-14T08:30:00+07:00',
      dueAt: '2025-03-17T17:00:00+07:00',
      status: 'received',
      documents: [
        {
          id: 'doc-1',
          name: 'Tờ khai đăng ký khai sinh',
          url: 'https://files.example.vn/doc-1.pdf',
          componentCode: 'TK01',
        },
      ],
      fees: [{ code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 }],
      resultDelivery: 'counter',
    },
  });

export type DossierSubmission = z.infer<typeof dossierSubmissionSchema>;

export const statusChangeSchema = z
  .strictObject({
    eventId: z.string().trim().min(1).max(100).meta({
      description: 'Unique per status change; the natural idempotency key',
      example: 'evt-20250314-0001',
    }),
    status: dossierStatusSchema,
    at: isoDateTimeSchema.meta({ description: 'When the change happened at the desk' }),
    handledBy: z.strictObject({
      name: text(50).meta({ description: 'Officer who made the change (NguoiXuLy, at most 50 characters)' }),
      title: text(100).optional(),
      department: text(200).optional(),
    }),
    note: text(2000).optional(),
    dueAt: isoDateTimeSchema.optional().meta({ description: 'New promised date, when the change moves it' }),
  })
  .meta({
    id: 'StatusChange',
    description: 'One status change of a dossier, as it happened at the desk',
    example: {
      eventId: 'evt-20250314-0001',
      status: 'processing',
      at: '2025-03-14T09:15:00+07:00',
      handledBy: { name: 'Trần Thị Bình', title: 'Chuyên viên', department: 'Phòng Tư pháp' },
      note: 'Chuyển phòng chuyên môn thẩm định',
    },
  });

export type StatusChange = z.infer<typeof statusChangeSchema>;

export const acceptedMessageSchema = z
  .object({
    dossierCode: dossierCodeSchema,
    messageId: z.string().meta({ description: 'Tracking id of the accepted message' }),
    sequence: z.number().int().positive().meta({ description: 'Position among the dossier’s messages' }),
    state: z.enum(['accepted', 'delivered', 'parked']),
  })
  .meta({ id: 'AcceptedMessage' });

export const syncStateSchema = z.enum(['pending', 'synced', 'failing', 'parked']);

export const timelineEntrySchema = z
  .object({
    at: z.string(),
    kind: z.string(),
    direction: z.enum(['to_national', 'to_province', 'internal']),
    outcome: z.string(),
    detail: z.string(),
  })
  .meta({ id: 'TimelineEntry' });

export const dossierViewSchema = z
  .object({
    dossierCode: dossierCodeSchema,
    agencyCode: agencyCodeSchema,
    status: dossierStatusSchema,
    nationalStatus: dossierStatusSchema.nullable(),
    sync: z.object({
      state: syncStateSchema,
      lastSyncedAt: z.string().optional(),
      lastError: z.string().optional(),
    }),
    payments: z.array(z.unknown()),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'DossierView' });

export type DossierView = z.infer<typeof dossierViewSchema>;
