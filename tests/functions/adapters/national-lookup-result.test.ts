import { describe, expect, it } from 'vitest';
import { readLookupResult } from '../../../functions/adapters/national-lookup-result';
import { isGatewayError } from '../../../functions/core/gateway-error';
import { toNationalDossier } from '../../../functions/core/translate-dossier';
import { aDossier } from '../../support/fixtures';

/**
 * What a TraCuuHoSo answer's `result` holds, read as the portal writes it (issue 16 item 5).
 * Sources: [OCPS] VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl.java (hasSyncDossier: a
 * non-empty `result` array means the portal holds the dossier; StringPool.BLANK for the
 * unknown); [TH] HuanVu201/DichVuCong_KhoaLuan_PASETO GPLXService.cs (TraCuuHoSo {mahoso}, the
 * first record read back).
 */
const code = '000.00.12.H12-250314-00042';
const held = (overrides: Record<string, unknown> = {}) => ({
  ...toNationalDossier(aDossier({ dossierCode: code, channel: 'online' })),
  ...overrides,
});

describe('a TraCuuHoSo result', () => {
  it('holds nothing when `result` is empty or absent [OCPS hasSyncDossier]', () => {
    expect(readLookupResult([], code)).toBeUndefined();
    expect(readLookupResult(undefined, code)).toBeUndefined();
  });

  it('is read tolerantly: "" absent, numbers as strings, flags as "True"/"False", a unit’s name, a 5-digit sequence [OCPS, TH]', () => {
    const record = readLookupResult(
      [
        held({
          NgayTra: '',
          NgayKetThucXuLy: '',
          Email: '',
          TrangThaiHoSo: 4,
          KenhThucHien: 2,
          DonViXuLy: 'UBND phường Hoàn Kiếm',
          TaiLieuNop: [
            {
              TepDinhKemId: 'doc-1',
              TenTepDinhKem: 'Tờ khai',
              IsDeleted: 'False',
              MaThanhPhanHoSo: '',
              DuongDanTaiTepTin: 'https://files.example.vn/doc-1.pdf',
              DuocSoHoa: 1,
              DuocTaiSuDung: '0',
              DuocLayTuKhoDMQG: '',
              MaKetQuaThayThe: '',
            },
          ],
        }),
      ],
      code,
    );
    expect(record).toMatchObject({
      MaHoSo: code,
      TrangThaiHoSo: '4',
      KenhThucHien: '2',
      DonViXuLy: 'UBND phường Hoàn Kiếm',
      NgayTra: undefined,
      NgayKetThucXuLy: undefined,
      Email: undefined,
    });
  });

  it('decides nothing on a record of another dossier or one it cannot read: a transient failure', () => {
    for (const result of [[held({ MaHoSo: '000.00.12.H12-250314-0043' })], [held({ TrangThaiHoSo: '11' })]]) {
      let failure: unknown;
      try {
        readLookupResult(result, code);
      } catch (error) {
        failure = error;
      }
      expect(isGatewayError(failure, 'national.transient')).toBe(true);
    }
  });
});
