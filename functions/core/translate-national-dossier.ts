import { statusFromNationalCode } from '../../contracts/dossier-status';
import type { NationalDossier, NationalProgressRow } from '../../contracts/national-portal';
import type { DossierSubmission } from '../../contracts/provincial-api';
import { fromNationalTimestamp } from './national-time';

const channels = { '1': 'counter', '2': 'online', '3': 'post' } as const;
const applicantTypes = { '1': 'citizen', '2': 'business', '3': 'agency', '4': 'organisation' } as const;
const resultDeliveries = { '0': 'counter', '1': 'post' } as const;

/** The DongBoHoSoMC dossier object -> the provincial dossier shape (version 1: first seen). */
export function fromNationalDossier(national: NationalDossier): DossierSubmission {
  const status = statusFromNationalCode(Number(national.TrangThaiHoSo));
  if (!status) throw new RangeError(`unknown TrangThaiHoSo ${national.TrangThaiHoSo}`);
  const idNumber = national.DinhDanhCHS?.[0]?.SoDinhDanh ?? national.SoGiayToChuHoSo;
  const dossier: DossierSubmission = {
    dossierCode: national.MaHoSo,
    version: 1,
    agencyCode: national.DonViXuLy,
    procedureCode: national.MaTTHC,
    procedureName: national.TenTTHC,
    channel: channels[national.KenhThucHien],
    applicant: {
      type: applicantTypes[national.LoaiDoiTuong],
      name: national.ChuHoSo,
      ...(idNumber ? { idNumber } : {}),
      ...(national.SoDienThoai ? { phone: national.SoDienThoai } : {}),
      ...(national.Email ? { email: national.Email } : {}),
      ...(national.ThongTinKhac ? { address: national.ThongTinKhac } : {}),
    },
    summary: national.TrichYeuHoSo,
    receivedAt: fromNationalTimestamp(national.NgayTiepNhan),
    dueAt: fromNationalTimestamp(national.NgayHenTra),
    status,
    resultDelivery: resultDeliveries[national.HinhThuc],
  };
  if (national.MaLinhVuc) dossier.fieldCode = national.MaLinhVuc;
  if (national.TenLinhVuc) dossier.fieldName = national.TenLinhVuc;
  if (national.GhiChu) dossier.note = national.GhiChu;
  if (national.TaiLieuNop?.length) {
    dossier.documents = national.TaiLieuNop.filter((document) => document.IsDeleted !== '1').map(
      (document) => ({
        id: document.TepDinhKemId,
        name: document.TenTepDinhKem,
        url: document.DuongDanTaiTepTin,
        ...(document.MaThanhPhanHoSo ? { componentCode: document.MaThanhPhanHoSo } : {}),
      }),
    );
  }
  if (national.DanhSachLePhi?.length) {
    dossier.fees = national.DanhSachLePhi.map((fee) => ({
      code: fee.MaPhiLePhi,
      name: fee.TenPhiLePhi,
      amount: Number(fee.Gia),
    }));
  }
  return dossier;
}

export interface NationalStatusChange {
  readonly dossierCode: string;
  readonly status: NonNullable<ReturnType<typeof statusFromNationalCode>>;
  readonly nationalStatusCode: number;
  readonly at: string;
  readonly handledBy: { readonly name: string; readonly title?: string; readonly department?: string };
  readonly note?: string;
}

/** A progress row the portal pushes -> the data of a `dossier.status_changed` webhook. */
export function fromNationalProgressRow(row: NationalProgressRow): NationalStatusChange {
  const status = statusFromNationalCode(Number(row.TrangThai));
  if (!status) throw new RangeError(`unknown TrangThai ${row.TrangThai}`);
  return {
    dossierCode: row.MaHoSo,
    status,
    nationalStatusCode: Number(row.TrangThai),
    at: fromNationalTimestamp(row.ThoiDiemXuLy),
    handledBy: {
      name: row.NguoiXuLy,
      ...(row.ChucDanh ? { title: row.ChucDanh } : {}),
      ...(row.PhongBanXuLy ? { department: row.PhongBanXuLy } : {}),
    },
    ...(row.NoiDungXuLy ? { note: row.NoiDungXuLy } : {}),
  };
}
