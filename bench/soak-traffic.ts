import type { NationalDossier, NationalProgressRow } from '../contracts/national-portal';
import type { DossierSubmission, StatusChange } from '../contracts/provincial-api';
import type { PaymentRequest } from '../contracts/provincial-payments';
import { toNationalDossier } from '../functions/core/translate-dossier';

/** The soak's traffic, each item derived from its index so that a report can tell what it expected. */

const STATUS_PATH = ['processing', 'awaiting_supplement', 'processing', 'resolved', 'returned'] as const;
/** The portal's changes to a dossier a citizen submitted there: received, processing, resolved. */
export const PUSHED_STATUSES = ['2', '4', '9'] as const;
/** A payment's reference, as the gateway writes it into a payment URL and a progress row. */
export const REFERENCE = /LT[0-9A-F]{32}/;

export function dossierFor(index: number): DossierSubmission {
  const code = `000.00.12.H12-250314-${String(index % 10_000).padStart(4, '0')}`;
  return {
    dossierCode: code,
    version: 1,
    agencyCode: '000.00.12.H12',
    procedureCode: '1.010708.000.00.00.H12',
    procedureName: 'Đăng ký khai sinh',
    channel: 'counter',
    applicant: { type: 'citizen', name: 'Công dân thử nghiệm', idNumber: '001203004567' },
    summary: `Hồ sơ soak ${index}`,
    receivedAt: '2025-03-14T08:30:00+07:00',
    dueAt: '2025-03-20T17:00:00+07:00',
    status: 'received',
  };
}

/**
 * Each change moves the promised date to a day of its own, so the DongBoHoSoMC update it sends
 * (the whole dossier, NgayHenTra included) tells which change it belongs to.
 */
export function changesFor(index: number): StatusChange[] {
  return STATUS_PATH.map((status, step) => ({
    eventId: `soak-${index}-${step}`,
    status,
    at: new Date(Date.parse('2025-03-14T01:30:00Z') + (step + 1) * 60_000).toISOString(),
    handledBy: { name: 'Cán bộ một cửa' },
    dueAt: new Date(Date.parse('2025-03-21T10:00:00Z') + step * 86_400_000).toISOString(),
  }));
}

export function paymentFor(dossierCode: string): PaymentRequest {
  return {
    dossierCode,
    lines: [{ code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 }],
    payer: { name: 'Công dân thử nghiệm', idNumber: '001203004567' },
    returnUrl: 'https://motcua.example.vn/payments/return',
  };
}

/** A dossier submitted online on the portal (a different day in its code than the desk's). */
export function onlineDossierFor(index: number): NationalDossier {
  const dossier = dossierFor(index);
  return {
    ...toNationalDossier({
      ...dossier,
      dossierCode: `000.00.12.H12-250315-${String(index % 10_000).padStart(4, '0')}`,
      channel: 'online',
      status: 'submitted',
      summary: `Hồ sơ trực tuyến soak ${index}`,
    }),
    MaDoiTuong: `vneid-soak-${index}`,
  };
}

export function pushedRowsFor(dossierCode: string): NationalProgressRow[] {
  return PUSHED_STATUSES.map((status, step) => ({
    MaHoSo: dossierCode,
    NguoiXuLy: 'Cổng DVCQG',
    ChucDanh: '',
    ThoiDiemXuLy: `2025031509${String(step + 1).padStart(2, '0')}00`,
    PhongBanXuLy: '',
    NoiDungXuLy: '',
    TrangThai: status,
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
  }));
}

/** The soak's feedback items' ids: a range of their own, far from the simulator's sample. */
const FEEDBACK_ID_BASE = 900_000;

/**
 * A citizen's feedback as the portal lists and pushes it (LayDanhSachHoiDapGuiTuDVCQG row, the
 * simulator's reading: infra/simulators/national-feedback-service.ts).
 */
export function feedbackRowFor(index: number) {
  return {
    HOIDAPID: FEEDBACK_ID_BASE + index,
    TIEUDE: `Phản ánh soak ${index}`,
    NOIDUNG: `Đề nghị giải quyết đúng hẹn hồ sơ soak ${index}.`,
    MADONVI: '000.00.12.H12',
    TENDONVI: 'UBND phường Hoàn Kiếm (demo)',
    MALINHVUC: '',
    MATTHCDP: '',
    MAHOSO: '',
    HOVATEN: 'Công dân thử nghiệm',
    THUDIENTU: '',
    SODIENTHOAI: '0912000000',
    DIACHI: '',
    TRANGTHAI: '1',
    NGAYGUI: '20250314090000',
    NGAYCHUYEN: '',
    TRALOIID: 0,
    NOIDUNGTRALOI: '',
  };
}

/** The province's handling of a feedback item: reception, then the answer (TRANGTHAI 2 and 5). */
export function feedbackStepsFor(index: number) {
  const handledBy = { name: 'Cán bộ một cửa' };
  return {
    received: {
      eventId: `soak-pakn-${index}-received`,
      state: 'received',
      at: '2025-03-14T10:00:00+07:00',
      handledBy,
    },
    answer: {
      answer: `Trả lời phản ánh soak ${index}.`,
      answeredBy: handledBy,
      answeredAt: '2025-03-17T10:00:00+07:00',
    },
  } as const;
}

/** The national codes of those two steps, in the order they must arrive. */
export const FEEDBACK_REPLY_STATES = ['2', '5'] as const;
