import type { DossierSubmission } from '../../contracts/provincial-api';

let sequence = 0;

/** A valid provincial dossier of province H12; each call gets a new dossier code unless given one. */
export function aDossier(overrides: Partial<DossierSubmission> = {}): DossierSubmission {
  sequence += 1;
  const dossierCode =
    overrides.dossierCode ?? `000.00.12.H12-250314-${String(sequence % 10_000).padStart(4, '0')}`;
  return {
    dossierCode,
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
    ...overrides,
  };
}
