import { beforeAll, beforeEach, expect } from 'vitest';
import type { DossierSubmission } from '../../contracts/provincial-api';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier, aPaymentRequest } from './fixtures';

export { aPaymentRequest };

import { setFaults } from './receiver';
import { eventually, eventuallySome, useTestRuntime } from './test-runtime';

export interface Client {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
}

export function clientOf(runtime: LocalRuntime, token: string): Client {
  return {
    post: (path, body, headers = {}) =>
      fetch(`${runtime.urls.gateway}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    get: (path) => fetch(`${runtime.urls.gateway}${path}`, { headers: { authorization: `Bearer ${token}` } }),
  };
}

/**
 * The local runtime for one file's payment tests (see useTestRuntime), with `client` for the
 * provincial client and its synced dossiers and payments, and the platform's outage and payment
 * faults cleared before each test.
 */
export function usePaymentRuntime(overrides: Parameters<typeof useTestRuntime>[0] = {}) {
  const started = Object.assign(useTestRuntime(overrides), {
    client: undefined as unknown as Client,
    /** A payment created for a freshly synced dossier, pending at the platform. */
    aPendingPayment: () => aPendingPaymentOn(started.runtime, started.client),
    /** A dossier the provincial client sent, once the portal has it (see aSyncedDossier). */
    aSyncedDossier: (overrides: Partial<DossierSubmission> = {}) =>
      aSyncedDossier(started.runtime, started.client, overrides),
    /** Sets the platform simulator's payment faults (cleared again before the next test). */
    paymentFaults: (faults: Record<string, unknown>) => setPaymentFaults(started.runtime, faults),
    /** The payment the provincial client's request created (a 201), or the test fails. */
    createPayment: async (request: unknown, headers?: Record<string, string>) =>
      createdPayment(await started.client.post('/v1/payments', request, headers)),
  });
  beforeAll(() => {
    started.client = clientOf(started.runtime, started.token);
  });
  beforeEach(async () => {
    await setFaults(started.runtime.urls.payment, {});
    await started.paymentFaults({});
  });
  return started;
}

/** Sends a dossier and waits until the portal has it, so later progress rows have a dossier to land on. */
export async function aSyncedDossier(
  runtime: LocalRuntime,
  client: Client,
  overrides: Partial<DossierSubmission> = {},
): Promise<DossierSubmission> {
  const dossier = aDossier(overrides);
  const response = await client.post('/v1/dossiers', dossier);
  if (response.status !== 202)
    throw new Error(`dossier refused: ${response.status} ${await response.text()}`);
  await eventually(async () =>
    runtime.simulators.nationalPortal.dossiers.has(dossier.dossierCode) ? true : undefined,
  );
  return dossier;
}

/** A payment created for a freshly synced dossier, pending at the platform. */
async function aPendingPaymentOn(runtime: LocalRuntime, client: Client) {
  const dossier = await aSyncedDossier(runtime, client);
  const created = await createdPayment(
    await client.post('/v1/payments', aPaymentRequest(dossier.dossierCode)),
  );
  return {
    dossier,
    paymentId: created.paymentId,
    reference: await referenceOfPayment(client, created.paymentId),
  };
}

export interface Created {
  paymentId: string;
  paymentUrl: string;
  reference: string;
  expiresAt: string;
  state: string;
}

export async function createdPayment(response: Response): Promise<Created> {
  if (response.status !== 201)
    throw new Error(`payment refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as Created;
}

export async function referenceOfPayment(client: Client, paymentId: string): Promise<string> {
  const view = (await (await client.get(`/v1/payments/${paymentId}`)).json()) as { reference: string };
  return view.reference;
}

export interface SimPayAnswer {
  state: string;
  sent: { status: number; reply: { MaLoi: string; MoTaLoi: string } }[];
}

/** The payer pays (or cancels) on the simulator, which sends the callback and answers what the gateway replied. */
export async function payAtSimulator(
  runtime: LocalRuntime,
  reference: string,
  outcome: 'paid' | 'failed' = 'paid',
): Promise<SimPayAnswer> {
  const response = await fetch(`${runtime.urls.payment}/_sim/pay/${reference}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  if (!response.ok) throw new Error(`simulator refused the payment: ${response.status}`);
  return (await response.json()) as SimPayAnswer;
}

export async function setPaymentFaults(
  runtime: LocalRuntime,
  faults: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${runtime.urls.payment}/_sim/payment-faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`payment faults refused: ${await response.text()}`);
}

interface WebhookBody {
  type: string;
  data: { paymentId?: string; state?: string; dossierCode?: string };
}

/** Payment webhooks the province simulator accepted for one payment, in arrival order. */
export async function provincePaymentEvents(runtime: LocalRuntime, paymentId: string): Promise<string[]> {
  const received = (await (await fetch(`${runtime.urls.province}/_sim/received`)).json()) as {
    body: WebhookBody;
  }[];
  return received
    .filter((request) => request.body.data.paymentId === paymentId)
    .map((request) => `${request.body.type}:${request.body.data.state}`);
}

interface NationalCall {
  service?: string;
  data?: { MaHoSo: string; NoiDungXuLy?: string; TrangThai?: string }[];
}

/** Progress rows about a payment reference that the national portal simulator accepted. */
export async function nationalPaymentRows(runtime: LocalRuntime, reference: string): Promise<string[]> {
  const received = (await (await fetch(`${runtime.urls.nationalPortal}/_sim/received`)).json()) as {
    body: NationalCall;
  }[];
  return received.flatMap((request) =>
    (request.body.data ?? [])
      .filter((row) => row.NoiDungXuLy?.includes(reference))
      .map((row) => `${row.TrangThai}:${row.NoiDungXuLy}`),
  );
}

/** The requests the payment platform simulator received whose receipt names the dossier (its INITs). */
export function platformCallsFor(runtime: LocalRuntime, dossierCode: string) {
  return runtime.simulators.payment.received.filter(
    (call) =>
      (call.body as { ThongTinBienLai?: { MaHoSo?: string } }).ThongTinBienLai?.MaHoSo === dossierCode,
  );
}

/** Waits a moment longer, so a second delivery that should never come has had its chance. */
export const settle = (ms = 800) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Both sides heard of a payment's success once: the province's webhook came, and after
 * `meanwhile` (which must add none) and a moment more it is still the only one; the portal has one row.
 */
export async function expectPaidHeardOnce(
  runtime: LocalRuntime,
  { paymentId, reference }: { paymentId: string; reference: string },
  meanwhile: () => Promise<unknown> = async () => undefined,
) {
  expect(await eventuallySome(() => provincePaymentEvents(runtime, paymentId))).toEqual([
    'payment.succeeded:paid',
  ]);
  await meanwhile();
  await settle();
  expect(await provincePaymentEvents(runtime, paymentId)).toHaveLength(1);
  expect(await nationalPaymentRows(runtime, reference)).toHaveLength(1);
}
