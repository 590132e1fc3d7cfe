import { type FeeLookupReply, feeLookupCodes } from '../../contracts/national-fee-lookup';
import { decidePayableFees } from '../core/decide-payable-fees';
import type { DossierStore } from '../ports/dossier-store';
import type { PaymentStore } from '../ports/payment-store';
import { loadDossierFacts } from './load-dossier-facts';

/** The national portal asks what a dossier must pay (DOMAIN.md): -1 unknown, 0 nothing, 1 payable. */
export async function lookUpPayableFees(
  deps: { readonly store: DossierStore; readonly payments: PaymentStore },
  dossierCode: string,
): Promise<FeeLookupReply> {
  const dossier = await loadDossierFacts(deps.store, dossierCode);
  if (!dossier) {
    return { error_code: feeLookupCodes.error, message: `Không tìm thấy hồ sơ ${dossierCode}` };
  }
  const payable = decidePayableFees(dossier.fees, await deps.payments.listDossierPayments(dossierCode));
  if (payable.verdict === 'nothingToPay') {
    return { error_code: feeLookupCodes.nothingToPay, message: 'Hồ sơ không còn khoản phải nộp' };
  }
  return {
    error_code: feeLookupCodes.payable,
    message: 'Hồ sơ có khoản phải nộp',
    result: {
      MaHoSo: dossierCode,
      TongTien: String(payable.lines.reduce((sum, line) => sum + line.amount, 0)),
      DanhSachLePhi: payable.lines.map((line) => ({
        TenPhiLePhi: line.name,
        MaPhiLePhi: line.code,
        HinhThucThu: '1',
        Gia: String(line.amount),
        LoaiPhiLePhi: '1',
      })),
      ...(payable.reference ? { MaThamChieu: payable.reference } : {}),
    },
  };
}
