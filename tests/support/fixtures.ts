import type { DossierSubmission } from '../../contracts/provincial-api';
import type { StoredMessage } from '../../functions/core/dossier-message';
import type { Payment } from '../../functions/core/payment';

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

/** A stored dossier version of the national channel; tests override what they are about. */
export function aStoredMessage(
  dossierCode: string,
  sequence = 1,
  overrides: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    channel: 'national',
    dossierCode,
    agencyCode: '000.00.12.H12',
    sequence,
    messageId: `${dossierCode}#${sequence}`,
    kind: 'dossier.sync',
    idempotencyKey: `version:${sequence}`,
    naturalKey: `version:${sequence}`,
    requestHash: `h${sequence}`,
    status: 'received',
    version: sequence,
    acceptedAt: '2025-03-14T01:00:00.000Z',
    state: 'accepted',
    traceId: 't',
    payload: {},
    ...overrides,
  };
}

let paymentSerial = 0;

/** An initiating payment of 8,000 VND for a dossier of H12; each call gets new ids unless given. */
export function aPayment(overrides: Partial<Payment> = {}): Payment {
  paymentSerial += 1;
  const paymentId = `00000000-0000-4000-8000-${String(paymentSerial).padStart(12, '0')}`;
  return {
    paymentId,
    reference: `LT${paymentId.replace(/-/g, '').toUpperCase()}`,
    dossierCode: `000.00.12.H12-250314-${String(paymentSerial % 10_000).padStart(4, '0')}`,
    agencyCode: '000.00.12.H12',
    clientId: 'demo-province',
    requestHash: 'hash-1',
    amount: 8000,
    lines: [{ code: 'LP01', name: 'Lệ phí', amount: 8000 }],
    payer: { name: 'Nguyễn Văn An', idNumber: '001203004567' },
    returnUrl: 'https://example.vn/return',
    state: 'initiating',
    createdAt: '2025-03-14T01:30:00.000Z',
    initiatingSince: '2025-03-14T01:30:00.000Z',
    ...overrides,
  };
}

/** Ids `<prefix>-1`, `<prefix>-2`, …: predictable where the gateway would use random UUIDs. */
export function sequentialIds(prefix: string): () => string {
  let serial = 0;
  return () => {
    serial += 1;
    return `${prefix}-${serial}`;
  };
}
