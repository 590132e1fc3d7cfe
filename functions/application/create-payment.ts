import { createHash } from 'node:crypto';
import type { PaymentRequest } from '../../contracts/provincial-payments';
import { canonicalJson } from '../core/canonical-json';
import { GatewayError, isGatewayError } from '../core/gateway-error';
import { openPaymentStates, type Payment } from '../core/payment';
import { referenceOf } from '../core/payment-reference';
import { loadDossierFacts } from './load-dossier-facts';
import type { PaymentDependencies } from './payment-dependencies';

export interface CreatePaymentCommand {
  readonly request: PaymentRequest;
  readonly clientId: string;
  readonly idempotencyKey?: string;
  /** Throws unless the caller may act for the dossier's agency (the HTTP edge's rule). */
  readonly authorize: (agencyCode: string) => void;
}

export interface CreatedPayment {
  readonly payment: Payment & { readonly paymentUrl: string; readonly expiresAt: string };
  readonly replayed: boolean;
}

/** `initiatingSince` of an initiating payment whose INIT is not in flight: a repeat may resume it at once. */
export const NO_INITIATION_IN_FLIGHT = '1970-01-01T00:00:00.000Z';
const MAX_ROUNDS = 4;

const hashOf = (request: PaymentRequest) =>
  createHash('sha256').update(canonicalJson(request)).digest('base64url');

/**
 * POST /v1/payments. The ordering is what keeps a citizen from paying twice and the gateway
 * from losing a platform transaction:
 *
 * 1. the Idempotency-Key is claimed for a new payment id (a repeat finds its payment);
 * 2. the dossier's one open-payment slot is taken (the same request while a payment is open
 *    answers with that payment, another one is a 409: a payer never holds two payment URLs
 *    for one dossier);
 * 3. the payment is stored as `initiating`, under its reference (MaThamChieu), before INIT;
 * 4. INIT; then the payment becomes `pending` with its URL, and only then the 201.
 *
 * A crash or an unknown INIT outcome leaves an `initiating` payment that a repeat resumes with
 * the same reference (the platform answers a repeated INIT with the same URL, and one reference
 * can be paid once), and that the status poller closes if nobody comes back. A refused INIT
 * fails the payment and frees the dossier.
 */
export async function createPayment(
  deps: PaymentDependencies,
  command: CreatePaymentCommand,
): Promise<CreatedPayment> {
  const { request } = command;
  const dossier = await loadDossierFacts(deps.store, request.dossierCode);
  if (!dossier) {
    throw new GatewayError(
      'dossier.notFound',
      `Hồ sơ ${request.dossierCode} chưa có trên cổng kết nối / The gateway has no dossier ${request.dossierCode}: send it with POST /v1/dossiers first`,
    );
  }
  command.authorize(dossier.agencyCode);
  const requestHash = hashOf(request);
  const now = deps.clock.now();

  let paymentId = deps.newId();
  if (command.idempotencyKey) {
    const claim = await deps.payments.claimKey(command.clientId, command.idempotencyKey, {
      paymentId,
      requestHash,
      at: now.toISOString(),
    });
    if (claim.requestHash !== requestHash) {
      throw new GatewayError(
        'idempotency.conflict',
        `Idempotency-Key đã dùng cho một yêu cầu khác / This Idempotency-Key was used for a different payment request (payment ${claim.paymentId})`,
        { details: { paymentId: claim.paymentId } },
      );
    }
    paymentId = claim.paymentId;
    const existing = await deps.payments.getPayment(paymentId);
    if (existing) return answerFor(deps, command, existing);
  }

  let slotTaken = false;
  for (let round = 0; round < MAX_ROUNDS && !slotTaken; round += 1) {
    const holder = await deps.payments.takeOpenSlot(request.dossierCode, {
      paymentId,
      requestHash,
      takenAt: deps.clock.now().toISOString(),
    });
    slotTaken = holder.paymentId === paymentId;
    if (slotTaken) break;
    const held = await deps.payments.getPayment(holder.paymentId);
    // The same request while its payment is open is a repeat, with or without a key.
    if (held && held.requestHash === requestHash && openPaymentStates.includes(held.state)) {
      if (command.idempotencyKey) {
        await deps.payments.repointKey(command.clientId, command.idempotencyKey, paymentId, held.paymentId);
      }
      return answerFor(deps, command, held);
    }
    if (await freedStaleSlot(deps, request.dossierCode, holder.paymentId, holder.takenAt, held)) continue;
    if (!held && holder.requestHash === requestHash) {
      // The same request, arriving at the same moment, is storing its payment right now.
      throw new GatewayError(
        'idempotency.inProgress',
        'Yêu cầu thanh toán giống hệt đang được xử lý / The same payment request is being processed; retry shortly',
        { retryAfterSeconds: 2, details: { paymentId: holder.paymentId } },
      );
    }
    throw new GatewayError(
      'payment.alreadyOpen',
      `Hồ sơ ${request.dossierCode} đang có giao dịch chờ thanh toán ${holder.paymentId} / The dossier has an open payment ${holder.paymentId}; wait until it is paid, failed or expired`,
      { details: { paymentId: holder.paymentId } },
    );
  }

  if (!slotTaken) {
    throw new GatewayError(
      'idempotency.inProgress',
      'Hồ sơ đang được tạo giao dịch / Payments of this dossier are changing; retry shortly',
      {
        retryAfterSeconds: 2,
      },
    );
  }

  const agencyName = dossier.agencyName ?? (await deps.agencyNames.nameOf(dossier.agencyCode));
  const payment: Payment = {
    paymentId,
    reference: referenceOf(paymentId),
    dossierCode: request.dossierCode,
    agencyCode: dossier.agencyCode,
    ...(agencyName ? { agencyName } : {}),
    ...(dossier.procedureCode ? { procedureCode: dossier.procedureCode } : {}),
    ...(dossier.procedureName ? { procedureName: dossier.procedureName } : {}),
    clientId: command.clientId,
    ...(command.idempotencyKey ? { idempotencyKey: command.idempotencyKey } : {}),
    requestHash,
    amount: request.lines.reduce((sum, line) => sum + line.amount, 0),
    lines: request.lines,
    payer: request.payer,
    ...(request.beneficiary ? { beneficiary: request.beneficiary } : {}),
    returnUrl: request.returnUrl,
    ...(request.description ? { description: request.description } : {}),
    state: 'initiating',
    createdAt: now.toISOString(),
    initiatingSince: now.toISOString(),
  };
  // Listed before it exists, so no stored payment is missing from its dossier or its day.
  await deps.payments.indexPayment(payment);
  const inserted = await deps.payments.insertPayment(payment, dueAfterInitiation(deps, now));
  if (!inserted) {
    const existing = await deps.payments.getPayment(paymentId);
    if (existing) return answerFor(deps, command, existing);
  }
  return initiate(deps, payment);
}

function dueAfterInitiation(deps: PaymentDependencies, from: Date): string {
  return new Date(from.getTime() + deps.paymentSettings.initiationTimeoutSeconds * 1000).toISOString();
}

/**
 * A slot whose holder is settled (its release was interrupted), was never stored, or is an
 * initiating payment nobody can pay (it never produced a URL) is freed; the last one is closed
 * as expired first.
 */
async function freedStaleSlot(
  deps: PaymentDependencies,
  dossierCode: string,
  holderId: string,
  takenAt: string,
  held: Payment | undefined,
): Promise<boolean> {
  const timeoutMs = deps.paymentSettings.initiationTimeoutSeconds * 1000;
  const now = deps.clock.now().getTime();
  if (!held) {
    if (now - Date.parse(takenAt) < timeoutMs) return false;
  } else if (held.state === 'initiating') {
    if (now - Date.parse(held.initiatingSince) < timeoutMs) return false;
    const closed = await deps.payments.updatePayment(
      held.paymentId,
      { state: 'initiating', initiatingSince: held.initiatingSince },
      {
        state: 'expired',
        stateChangedAt: new Date(now).toISOString(),
        settledAt: new Date(now).toISOString(),
        dueAt: null,
      },
    );
    if (!closed) return false;
    deps.logger.info('closed an abandoned initiating payment to make way for a new one', {
      paymentId: held.paymentId,
      dossierCode,
    });
  } else if (openPaymentStates.includes(held.state) || held.relayPending) {
    return false;
  }
  await deps.payments.releaseOpenSlot(dossierCode, holderId);
  return true;
}

/** The answer to a repeat: the payment as it is, resumed if its INIT never completed. */
async function answerFor(
  deps: PaymentDependencies,
  command: CreatePaymentCommand,
  payment: Payment,
): Promise<CreatedPayment> {
  if (payment.state === 'initiating') {
    const inFlightFor = deps.clock.now().getTime() - Date.parse(payment.initiatingSince);
    if (inFlightFor < deps.paymentSettings.initiationTimeoutSeconds * 1000) {
      throw new GatewayError(
        'idempotency.inProgress',
        'Yêu cầu thanh toán trước đang được xử lý / The same payment request is still being processed; retry shortly',
        { retryAfterSeconds: 2, details: { paymentId: payment.paymentId } },
      );
    }
    const resumedAt = deps.clock.now().toISOString();
    const claimed = await deps.payments.updatePayment(
      payment.paymentId,
      { state: 'initiating', initiatingSince: payment.initiatingSince },
      { initiatingSince: resumedAt, dueAt: dueAfterInitiation(deps, new Date(resumedAt)) },
    );
    if (!claimed) {
      const current = await deps.payments.getPayment(payment.paymentId);
      if (!current || current.state === 'initiating') {
        throw new GatewayError(
          'idempotency.inProgress',
          'Yêu cầu đang được xử lý / Still being processed; retry shortly',
          {
            retryAfterSeconds: 2,
          },
        );
      }
      return answerFor(deps, command, current);
    }
    await deps.payments.indexPayment(claimed);
    deps.logger.info('resuming a payment whose INIT did not complete', {
      paymentId: claimed.paymentId,
      dossierCode: claimed.dossierCode,
    });
    return initiate(deps, claimed);
  }
  if (payment.initiationError) {
    throw new GatewayError('payment.platformRejected', payment.initiationError.message, {
      details: { paymentId: payment.paymentId, platformErrorCode: payment.initiationError.code },
    });
  }
  if (!payment.paymentUrl || !payment.expiresAt) {
    // Closed before its INIT ever completed: nobody was given it, so the key gets a new payment.
    throw new GatewayError(
      'payment.platformUnavailable',
      'Giao dịch trước chưa được khởi tạo và đã bị đóng / The earlier attempt never reached the platform and was closed; retry with a new Idempotency-Key',
      { retryAfterSeconds: 1, details: { paymentId: payment.paymentId } },
    );
  }
  return {
    payment: { ...payment, paymentUrl: payment.paymentUrl, expiresAt: payment.expiresAt },
    replayed: true,
  };
}

async function initiate(deps: PaymentDependencies, payment: Payment): Promise<CreatedPayment> {
  let paymentUrl: string;
  try {
    ({ paymentUrl } = await deps.paymentPlatform.initiate(payment));
  } catch (error) {
    if (isGatewayError(error, 'payment.platformRejected')) {
      const failed = await deps.payments.updatePayment(
        payment.paymentId,
        { state: 'initiating', initiatingSince: payment.initiatingSince },
        {
          state: 'failed',
          stateChangedAt: deps.clock.now().toISOString(),
          settledAt: deps.clock.now().toISOString(),
          initiationError: {
            code: String(error.details.platformErrorCode ?? 'unknown'),
            message: error.message,
          },
          dueAt: null,
        },
      );
      if (failed) await deps.payments.releaseOpenSlot(payment.dossierCode, payment.paymentId);
      deps.logger.warn('payment platform refused INIT', {
        paymentId: payment.paymentId,
        dossierCode: payment.dossierCode,
        error: error.message,
      });
      throw new GatewayError(error.code, error.message, {
        details: { ...error.details, paymentId: payment.paymentId },
        cause: error,
      });
    }
    // The outcome is unknown; nothing is in flight any more, so a repeat may resume at once.
    await deps.payments.updatePayment(
      payment.paymentId,
      { state: 'initiating', initiatingSince: payment.initiatingSince },
      {
        initiatingSince: NO_INITIATION_IN_FLIGHT,
        // Unknown outcome: the poller asks the platform soon, and closes it once its time is up.
        dueAt: new Date(
          deps.clock.now().getTime() + deps.paymentSettings.queryAfterSeconds * 1000,
        ).toISOString(),
      },
    );
    deps.logger.warn('INIT failed; the payment stays initiating until a repeat resumes it', {
      paymentId: payment.paymentId,
      dossierCode: payment.dossierCode,
      error: (error as Error).message,
    });
    const retryAfterSeconds = isGatewayError(error) ? (error.retryAfterSeconds ?? 5) : 5;
    throw new GatewayError(
      'payment.platformUnavailable',
      'Nền tảng thanh toán tạm thời không sẵn sàng, chưa tạo giao dịch / The payment platform is unavailable; no payment was created. Retry with the same Idempotency-Key',
      { retryAfterSeconds, cause: error },
    );
  }

  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.paymentSettings.lifetimeSeconds * 1000).toISOString();
  const pending = await deps.payments.updatePayment(
    payment.paymentId,
    { state: 'initiating' },
    {
      state: 'pending',
      stateChangedAt: now.toISOString(),
      paymentUrl,
      expiresAt,
      dueAt: new Date(now.getTime() + deps.paymentSettings.queryAfterSeconds * 1000).toISOString(),
    },
  );
  if (pending) {
    deps.logger.info('payment initiated', { paymentId: pending.paymentId, dossierCode: pending.dossierCode });
    return { payment: { ...pending, paymentUrl, expiresAt }, replayed: false };
  }
  // A callback (or a concurrent resume) got there first; keep its state, add the URL.
  const current = await deps.payments.getPayment(payment.paymentId);
  if (!current) throw new Error(`payment ${payment.paymentId} vanished`);
  const withUrl =
    current.paymentUrl && current.expiresAt
      ? current
      : ((await deps.payments.updatePayment(
          payment.paymentId,
          { state: current.state },
          { paymentUrl, expiresAt },
        )) ?? current);
  return {
    payment: {
      ...withUrl,
      paymentUrl: withUrl.paymentUrl ?? paymentUrl,
      expiresAt: withUrl.expiresAt ?? expiresAt,
    },
    replayed: false,
  };
}
