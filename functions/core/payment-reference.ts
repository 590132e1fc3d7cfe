/**
 * MaThamChieu is the payment id in the platform's alphabet: `LT` and the id's 32 hex digits
 * in upper case. One payment is one attempt, so the reference is unique per attempt (a new
 * attempt is a new payment), and a callback finds its payment with one read, no index.
 */
const REFERENCE = /^LT([0-9A-F]{8})([0-9A-F]{4})([0-9A-F]{4})([0-9A-F]{4})([0-9A-F]{12})$/;
const PAYMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isPaymentId(value: string): boolean {
  return PAYMENT_ID.test(value);
}

export function referenceOf(paymentId: string): string {
  if (!isPaymentId(paymentId)) throw new RangeError(`not a payment id: ${paymentId}`);
  return `LT${paymentId.replace(/-/g, '').toUpperCase()}`;
}

/** The payment a reference names, or undefined for anything the gateway never issued. */
export function paymentIdOf(reference: string): string | undefined {
  const groups = REFERENCE.exec(reference);
  return groups ? groups.slice(1).join('-').toLowerCase() : undefined;
}
