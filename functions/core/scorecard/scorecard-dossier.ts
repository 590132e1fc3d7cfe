import type { DossierStatus } from '../../../contracts/dossier-status';
import type { ProcessingTimeUnit } from '../../../contracts/scorecard';

/**
 * What the QĐ 766 formulas read of one dossier, as the gateway knows it now. Field names are
 * the provincial API's (DESIGN.md, "Public contract v1.1"), so a fold over a dossier's stored
 * messages fills it; the national field each one becomes is named beside it. All instants are
 * ISO 8601 strings; absent means unknown (the portal's empty string).
 */
export interface ScorecardDossier {
  /** MaHoSo. */
  readonly dossierCode: string;
  /** The processing unit's code; an agency counts its sub-units (agency-includes.ts). */
  readonly agencyCode: string;
  /** MaTTHC. */
  readonly procedureCode: string;
  /** KenhThucHien 1 / 2 / 3; absent is counted as at the desk [766 3.3 "hoặc null"]. */
  readonly channel?: 'counter' | 'online' | 'post';
  /** NgayNopHoSo. */
  readonly submittedAt?: string;
  /** NgayTiepNhan: the start of processing for every formula ("Thời gian bắt đầu xử lý") [766 2.1]. */
  readonly receivedAt?: string;
  /** NgayHenTra in force now (the latest synced). */
  readonly dueAt?: string;
  /**
   * Every promised date in force, oldest first, with when it was set (the dossier version or
   * status change that carried it). Absent: only `dueAt`, set at reception.
   */
  readonly dueAtHistory?: readonly { readonly dueAt: string; readonly at: string }[];
  /** TrangThaiHoSo moves in the order they happened (the progress rows' TrangThai, ThoiDiemXuLy). */
  readonly statusHistory: readonly { readonly status: DossierStatus; readonly at: string }[];
  /** DanhSachHoSoBoSung: NgayBoSung = requestedAt, NgayTiepNhanBoSung = receivedAt. */
  readonly supplements?: readonly ScorecardSupplement[];
  /** NgayKetThucXuLy as the province sent it. */
  readonly finishedAt?: string;
  /** NgayTra. */
  readonly returnedAt?: string;
  /** NgayTuChoi. */
  readonly refusedAt?: string;
  /** DanhSachGiayToKetQua: MaGiayToKetQua = resultCode, DuongDanTepTinKetQua = url. */
  readonly results?: readonly { readonly resultCode?: string; readonly url?: string }[];
  /** TaiLieuNop: DuongDanTaiTepTin = url, DuocSoHoa, DuocTaiSuDung (0/1/2), DuocLayTuKhoDMQG. */
  readonly documents?: readonly ScorecardDocument[];
  /** HoSoCoThanhPhanSoHoa as synced; absent when the gateway derives it from the documents. */
  readonly hasDigitisedComponent?: boolean;
  readonly applicant?: {
    /** LoaiDoiTuong. */
    readonly type?: 'citizen' | 'business' | 'agency' | 'organisation';
    /** TaiKhoanDuocXacThucVoiVNeID. */
    readonly verifiedWithVNeID?: boolean;
  };
  /** DSKetNoiCSDL[].MaCSDL. */
  readonly nationalDataSources?: readonly string[];
  /** DanhSachLePhi[].Gia. */
  readonly fees?: readonly { readonly amount: number }[];
  /** DuocThanhToanTrucTuyen 1 (national) or 2 (province's payment gateway). */
  readonly paidOnline?: 'national' | 'province';
  /**
   * When the portal first held the dossier (the first DongBoHoSoMC it accepted, or the push of a
   * dossier submitted on the portal: one-way sync counts [766 1.4]); absent: never synced.
   */
  readonly syncedAt?: string;
  /** Facts of the procedure from the national catalogue; absent fields are unknown. */
  readonly procedure?: ScorecardProcedureFacts;
  /** Citizens' reactions to this dossier on the portal [766 5.4]. */
  readonly feedback?: {
    /** Phản ánh, kiến nghị about this dossier. */
    readonly complaints?: number;
    /** Ratings "không hài lòng" (dislike). */
    readonly dislikes?: number;
  };
}

export interface ScorecardSupplement {
  readonly id?: string;
  /** NgayBoSung: the officer asked for more documents. */
  readonly requestedAt: string;
  /** NgayTiepNhanBoSung: the citizen completed them; absent while waiting. */
  readonly receivedAt?: string;
  /** NgayHenTraTruoc. */
  readonly previousDueAt?: string;
  /** NgayHenTraMoi. */
  readonly newDueAt?: string;
}

export interface ScorecardDocument {
  /** DuongDanTaiTepTin: a file is attached to the component. */
  readonly url?: string;
  readonly digitised?: boolean;
  readonly reuse?: 0 | 1 | 2;
  readonly fromNationalStore?: boolean;
}

export interface ScorecardProcedureFacts {
  /** The procedure's result is a paper document (TTHC "yêu cầu trả kết quả bằng văn bản giấy tờ"). */
  readonly resultIsPaper?: boolean;
  /** The national catalogue lists a non-zero fee for the procedure [766 3.6]. */
  readonly chargesFee?: boolean;
  /** "Thời hạn tối đa giải quyết TTHC" and its unit (DonViTinh) [766 2.1, 2.2]. */
  readonly maxProcessingTime?: { readonly value: number; readonly unit: ProcessingTimeUnit };
}

/**
 * One citizen feedback item (phản ánh, kiến nghị — PAKN) addressed to an agency, as the
 * portal's feedback flow tells the gateway [766 5.1–5.3].
 */
export interface ScorecardFeedback {
  readonly feedbackId: string;
  readonly agencyCode: string;
  /** The citizen or business sent it ("Ngày CD/DN gửi PAKN"). */
  readonly sentAt: string;
  /** The latest forwarding by VPCP or another agency ("Ngày VPCP, BNĐP khác chuyển gần nhất"). */
  readonly forwardedAt?: string;
  /** First accepted by the agency ("Ngày tiếp nhận đầu tiên"); absent: not yet accepted. */
  readonly receivedAt?: string;
  /** Refused, or returned to VPCP / the sending agency. */
  readonly refusedAt?: string;
  /** The first request for more information. */
  readonly supplementRequestedAt?: string;
  /** The answer was given: the step "chờ công khai / đã công khai" started. */
  readonly answeredAt?: string;
  /** The answer was published ("Ngày kết thúc của trạng thái công khai"). */
  readonly publishedAt?: string;
  readonly likes?: number;
  readonly dislikes?: number;
  /** The citizen complained again about the answer [766 5.3]. */
  readonly followUpComplaint?: boolean;
  /** [766 5.1] classification; absent: not classified. */
  readonly classification?: 'policyOrProcedure' | 'officerConduct' | 'other';
}
