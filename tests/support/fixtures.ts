import type { DriftFinding } from '../../contracts/drift-check';
import type { PaymentRequest } from '../../contracts/provincial-payments';
import type { WebhookEvent } from '../../contracts/webhooks';
import { type AgencyRecoding, loadAgencyRecoding } from '../../functions/core/agency-recoding';
import type { StoredMessage } from '../../functions/core/dossier-message';
import type { Payment } from '../../functions/core/payment';

export { aDossier } from '../../infra/local/demo-dossier';

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

/** A payment request for a dossier's fees: two lines, 258 000 VND. */
export function aPaymentRequest(
  dossierCode: string,
  overrides: Partial<PaymentRequest> = {},
): PaymentRequest {
  return {
    dossierCode,
    lines: [
      { code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000 },
      { code: 'PHI02', name: 'Phí cấp bản sao trích lục', amount: 250_000 },
    ],
    payer: { name: 'Nguyễn Văn An', idNumber: '001203004567', address: 'Số 1 Tràng Tiền, Hà Nội' },
    beneficiary: { accountNumber: '0011001234567', bankCode: 'VCB', accountName: 'UBND XA A' },
    returnUrl: 'https://motcua.example.vn/payments/return',
    description: 'Thanh toán phí, lệ phí hồ sơ khai sinh',
    ...overrides,
  };
}

/** Payment ids as the gateway makes them (UUIDs), counting up: `…-000000000001`, `…-000000000002`, … */
export function sequentialPaymentIds(): () => string {
  const next = sequentialIds('');
  return () => `00000000-0000-4000-8000-${next().slice(1).padStart(12, '0')}`;
}

/** An open status finding of the drift check: the portal shows 2 where the gateway sent processing. */
export function aDriftFinding(dossierCode: string, overrides: Partial<DriftFinding> = {}): DriftFinding {
  return {
    findingId: `f-${dossierCode}`,
    dossierCode,
    agencyCode: '000.00.12.H12',
    state: 'open',
    kind: 'status',
    ourStatus: 'processing',
    portalStatus: '2',
    detectedAt: '2025-03-15T03:00:00.000Z',
    lastCheckedAt: '2025-03-15T03:00:00.000Z',
    revision: 1,
    resyncs: 0,
    ...overrides,
  };
}

/**
 * A re-coding of the 2025 kind: an H13 unit merged into H12 from 1 July, and a chain
 * (H13 -> H12 from 1 July, then -> another H12 code from 1 January 2026).
 */
export function aRecoding2025(): AgencyRecoding {
  return loadAgencyRecoding({
    version: 'test',
    rows: [
      { retiredCode: '000.00.31.H13', replacementCode: '000.00.41.H12', effectiveFrom: '2025-07-01' },
      { retiredCode: '000.00.10.H13', replacementCode: '000.00.10.H12', effectiveFrom: '2025-07-01' },
      { retiredCode: '000.00.10.H12', replacementCode: '000.00.11.H12', effectiveFrom: '2026-01-01' },
    ],
  });
}

/** The webhook a province receives when the portal marks a dossier received. */
export function aStatusChangedEvent(id: string) {
  return {
    id,
    type: 'dossier.status_changed',
    createdAt: '2025-03-14T08:30:00+07:00',
    data: {
      dossierCode: '000.00.12.H12-250314-0007',
      status: 'received',
      nationalStatusCode: 2,
      at: '2025-03-14T08:30:00+07:00',
      handledBy: { name: 'Cổng DVCQG' },
    },
  } as const satisfies WebhookEvent;
}
