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
  requiredText,
  taxCodeSchema,
  vndAmountSchema,
} from './codes';
import { dossierStatusSchema } from './dossier-status';

/**
 * The provincial API (DESIGN.md, "Public contract v1" and its additive v1.1). Objects are
 * strict: an unknown field is a 400, because a misspelt optional field would otherwise vanish
 * silently from a legal record. Every v1.1 field is optional, so every v1 body keeps working.
 */

const fileUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const applicantSchema = z
  .strictObject({
    type: z.enum(['citizen', 'business', 'agency', 'organisation']),
    name: requiredText(200),
    idNumber: z.union([personalIdSchema, taxCodeSchema]).optional().meta({
      description:
        'CCCD (12 digits) or CMND (9 digits); for a business (type "business") its tax code (10 digits, or 10-3 for a branch)',
    }),
    phone: phoneSchema.optional(),
    email: z.email().max(254).optional(),
    address: requiredText(500).optional(),
    portalUserId: requiredText(100).optional().meta({
      description: 'v1.1. The applicant’s national-portal account id (MaDoiTuong); sent for online dossiers',
    }),
    verifiedWithVNeID: z.boolean().optional().meta({
      description: 'v1.1. Signed in with a VNeID-verified account (TaiKhoanDuocXacThucVoiVNeID, QĐ 766 4.5)',
    }),
  })
  .superRefine((applicant, context) => {
    if (
      applicant.idNumber &&
      taxCodeSchema.safeParse(applicant.idNumber).success &&
      applicant.type !== 'business'
    ) {
      context.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message:
          'Mã số thuế chỉ dùng cho doanh nghiệp (type "business") / A tax code identifies a business applicant only (type "business")',
      });
    }
  })
  .meta({ id: 'Applicant' });

export const feeLineSchema = z
  .strictObject({ code: requiredText(50), name: requiredText(300), amount: vndAmountSchema })
  .meta({ id: 'FeeLine' });
export type FeeLine = z.infer<typeof feeLineSchema>;

export const documentSchema = z
  .strictObject({
    id: requiredText(100),
    name: requiredText(300),
    url: fileUrl,
    componentCode: requiredText(100).optional(),
    digitised: z
      .boolean()
      .optional()
      .meta({ description: 'v1.1. The file is a digitised copy (DuocSoHoa, QĐ 766 4.2/4.3)' }),
    reuse: z
      .union([z.literal(0), z.literal(1), z.literal(2)])
      .optional()
      .meta({ description: 'v1.1. DuocTaiSuDung: 0 new, 1 reused, 2 reused from the citizen’s store' }),
    fromNationalStore: z.boolean().optional().meta({
      description: 'v1.1. Taken from the citizen’s national data store (DuocLayTuKhoDMQG, QĐ 766 4.4)',
    }),
  })
  .meta({ id: 'Document' });

export const resultDocumentSchema = z
  .strictObject({
    id: requiredText(100),
    name: requiredText(300),
    url: fileUrl,
    resultCode: requiredText(100).meta({
      description: 'MaGiayToKetQua: the national code of the result document',
    }),
    componentCode: requiredText(100).optional(),
  })
  .meta({
    id: 'ResultDocument',
    description: 'v1.1. An electronic result (DanhSachGiayToKetQua; QĐ 766 3.3 and 4.1 read it)',
  });

export const supplementSchema = z
  .strictObject({
    id: requiredText(100),
    requestedBy: requiredText(200),
    content: requiredText(2000),
    requestedAt: isoDateTimeSchema,
    receivedAt: isoDateTimeSchema.optional().meta({ description: 'When the citizen’s supplement came in' }),
    previousDueAt: isoDateTimeSchema.optional(),
    newDueAt: isoDateTimeSchema.optional(),
  })
  .meta({
    id: 'Supplement',
    description:
      'v1.1. A request for supplementary documents (DanhSachHoSoBoSung; QĐ 766 2.1 counts them). Sent again with the same id once the citizen answers',
  });

export const dossierSubmissionSchema = z
  .strictObject({
    dossierCode: dossierCodeSchema,
    version: z.number().int().positive().max(1_000_000),
    agencyCode: agencyCodeSchema,
    procedureCode: procedureCodeSchema,
    procedureName: requiredText(500),
    fieldCode: fieldCodeSchema.optional(),
    fieldName: requiredText(300).optional(),
    channel: z.enum(['counter', 'online', 'post']),
    applicant: applicantSchema,
    summary: requiredText(1000),
    receivedAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema,
    status: dossierStatusSchema,
    documents: z.array(documentSchema).max(200).optional(),
    fees: z.array(feeLineSchema).max(50).optional(),
    resultDelivery: z.enum(['counter', 'post']).optional(),
    note: requiredText(2000).optional(),
    agencyName: requiredText(300).optional().meta({
      description:
        'v1.1. The processing unit’s name, sent as DonViXuLy; when absent the gateway uses the name it knows for agencyCode',
    }),
    submittedAt: isoDateTimeSchema
      .optional()
      .meta({ description: 'v1.1. When the citizen submitted (NgayNopHoSo)' }),
    finishedAt: isoDateTimeSchema.optional().meta({
      description: 'v1.1. End of processing (NgayKetThucXuLy); derived from the status history when absent',
    }),
    returnedAt: isoDateTimeSchema.optional().meta({
      description:
        'v1.1. When the result was returned (NgayTra); derived from the status history when absent',
    }),
    refusedAt: isoDateTimeSchema.optional().meta({
      description: 'v1.1. When intake was refused (NgayTuChoi); derived from the status history when absent',
    }),
    results: z.array(resultDocumentSchema).max(50).optional(),
    supplements: z.array(supplementSchema).max(50).optional(),
    paidOnline: z.enum(['national', 'province']).optional().meta({
      description:
        'v1.1. Fees paid online on the national platform or the province’s gateway (DuocThanhToanTrucTuyen 1/2); a payment the gateway settled counts as national',
    }),
    nationalDataSources: z
      .array(requiredText(20))
      .max(20)
      .optional()
      .meta({ description: 'v1.1. Codes of national databases the dossier drew on (DSKetNoiCSDL MaCSDL)' }),
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

/**
 * A dossier carrying the v1.1 facts the national indicators read (the API reference shows it
 * beside the v1 example; README "Dossier facts" prints it): a result, a supplement that moved the
 * promised date, the unit's name, digitisation flags and a VNeID-verified online applicant.
 */
export const dossierSubmissionV11Example = {
  dossierCode: '000.00.12.H12-250314-00012',
  version: 3,
  agencyCode: '000.00.12.H12',
  agencyName: 'UBND phường Hoàn Kiếm',
  procedureCode: '1.010708.000.00.00.H12',
  procedureName: 'Đăng ký khai sinh',
  fieldCode: 'G03-HT01',
  fieldName: 'Hộ tịch',
  channel: 'online',
  applicant: {
    type: 'citizen',
    name: 'Nguyễn Văn An',
    idNumber: '001203004567',
    portalUserId: 'vneid-0012345',
    verifiedWithVNeID: true,
  },
  summary: 'Đăng ký khai sinh cho con thứ hai',
  submittedAt: '2025-03-14T08:10:00+07:00',
  receivedAt: '2025-03-14T08:30:00+07:00',
  dueAt: '2025-03-19T17:00:00+07:00',
  status: 'resolved',
  finishedAt: '2025-03-19T10:00:00+07:00',
  documents: [
    {
      id: 'doc-1',
      name: 'Tờ khai đăng ký khai sinh',
      url: 'https://files.example.vn/doc-1.pdf',
      componentCode: 'TK01',
      digitised: true,
      reuse: 0,
      fromNationalStore: false,
    },
  ],
  results: [
    {
      id: 'kq-1',
      name: 'Giấy khai sinh (bản điện tử)',
      url: 'https://files.example.vn/kq-1.pdf',
      resultCode: 'KQ.G03-HT01.01',
    },
  ],
  supplements: [
    {
      id: 'bs-1',
      requestedBy: 'Trần Thị Bình',
      content: 'Bổ sung bản sao giấy chứng sinh',
      requestedAt: '2025-03-15T09:00:00+07:00',
      receivedAt: '2025-03-16T14:00:00+07:00',
      previousDueAt: '2025-03-17T17:00:00+07:00',
      newDueAt: '2025-03-19T17:00:00+07:00',
    },
  ],
  paidOnline: 'national',
  nationalDataSources: ['7'],
} as const;

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
      name: requiredText(50).meta({
        description: 'Officer who made the change (NguoiXuLy, at most 50 characters)',
      }),
      title: requiredText(100).optional(),
      department: requiredText(200).optional(),
    }),
    note: requiredText(2000).optional(),
    dueAt: isoDateTimeSchema.optional().meta({ description: 'New promised date, when the change moves it' }),
    results: z.array(resultDocumentSchema).max(50).optional().meta({
      description: 'v1.1. Result documents issued with this change; one with a known id replaces it',
    }),
    supplement: supplementSchema.optional().meta({
      description: 'v1.1. The supplement request this change makes or completes (same id to complete it)',
    }),
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
    agencyName: z.string().optional().meta({
      description: 'The unit name sent to the portal as DonViXuLy; absent when nobody knows it (see flags)',
    }),
    flags: z.array(z.object({ code: z.string(), message: z.string() })).meta({
      description:
        'What needs an operator’s or vendor’s attention, e.g. agency.nameUnknown: the agency code stood in for the unit name',
    }),
    payments: z.array(z.unknown()),
    timeline: z.array(timelineEntrySchema),
  })
  .meta({ id: 'DossierView' });

export type DossierView = z.infer<typeof dossierViewSchema>;
