import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { agencyOfDossierCode } from '../../../contracts/codes';
import {
  paymentCreatedSchema,
  paymentRequestSchema,
  paymentViewSchema,
} from '../../../contracts/provincial-payments';
import { createPayment } from '../../application/create-payment';
import { GatewayError } from '../../core/gateway-error';
import { isPaymentId } from '../../core/payment-reference';
import { publicPaymentState } from '../../core/payment-state-machine';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, idempotencyKeyHeader, json, problems, tokenRefusals } from '../openapi-parts';
import { assertMayActFor } from '../require-scope';
import { bearerRoute } from '../route-policies';
import { paymentViewOf, toPublicTime } from './payment-view';

const paymentIdParam = z.object({
  id: z.string().meta({
    description: 'paymentId from POST /v1/payments',
    example: '0f8c2a9e-4b7d-4e1a-9c3b-5d7e9f1a2b3c',
  }),
});

async function findPayment(deps: SystemsApiDependencies, id: string, caller: AppEnv['Variables']['caller']) {
  const payment = isPaymentId(id) ? await deps.payments.getPayment(id) : undefined;
  // Someone else's payment is answered like a missing one: ids are not to be probed.
  const visible =
    payment && (caller.scopes.includes('admin') || safelyMayActFor(deps, caller, payment.agencyCode));
  if (!payment || !visible) {
    throw new GatewayError('payment.notFound', `Không tìm thấy giao dịch ${id} / No payment ${id}`);
  }
  return payment;
}

function safelyMayActFor(
  deps: SystemsApiDependencies,
  caller: AppEnv['Variables']['caller'],
  agencyCode: string,
): boolean {
  try {
    assertMayActFor(deps, caller, agencyCode);
    return true;
  } catch {
    return false;
  }
}

export function registerPaymentRoutes(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(
    bearerRoute(deps.tokens, {
      method: 'post',
      path: '/v1/payments',
      tags: ['Payments'],
      summary: 'Collect a dossier’s fees through the national payment platform',
      description:
        'Creates the transaction on the platform (INIT) and answers the URL to send the payer to. ' +
        'A repeat with the same Idempotency-Key and body, or the same body while the payment is open, ' +
        'answers the same payment. A dossier has at most one open payment.',
      request: {
        headers: idempotencyKeyHeader(),
        body: { required: true, content: json(paymentRequestSchema) },
      },
      responses: {
        201: {
          description: 'Created on the platform; send the payer to paymentUrl',
          content: json(paymentCreatedSchema),
        },
        ...problems({
          ...tokenRefusals,
          ...bodyRefusals,
          400: 'Invalid body (e.g. amount is not the sum of the lines)',
          403: 'The client may not act for the dossier’s agency',
          404: 'The gateway does not know the dossier',
          409: 'Key reused with another body, the same request still in progress, or another payment open',
          502: 'The payment platform refused the payment',
          503: 'The platform is unavailable; nothing was created. Retry after Retry-After',
        }),
      },
    }),
    async (c) => {
      const request = c.req.valid('json');
      const caller = c.var.caller;
      // The code's prefix first (cheap, like the dossier routes), then the dossier's own agency.
      assertMayActFor(deps, caller, agencyOfDossierCode(request.dossierCode));
      const idempotencyKey = c.req.valid('header')['idempotency-key'];
      const { payment, replayed } = await createPayment(deps, {
        request,
        clientId: caller.clientId,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        authorize: (agencyCode) => assertMayActFor(deps, caller, agencyCode),
      });
      if (replayed) c.header('idempotent-replayed', 'true');
      c.header('location', `/v1/payments/${payment.paymentId}`);
      return c.json(
        {
          paymentId: payment.paymentId,
          paymentUrl: payment.paymentUrl,
          reference: payment.reference,
          expiresAt: toPublicTime(payment.expiresAt),
          state: publicPaymentState(payment.state),
        },
        201,
      );
    },
  );

  app.openapi(
    bearerRoute(deps.tokens, {
      method: 'get',
      path: '/v1/payments/{id}',
      tags: ['Payments'],
      summary: 'A payment and its state',
      request: { params: paymentIdParam },
      responses: {
        200: { description: 'The payment', content: json(paymentViewSchema) },
        ...problems({ ...tokenRefusals, 404: 'No such payment (or not yours)' }),
      },
    }),
    async (c) => c.json(paymentViewOf(await findPayment(deps, c.req.valid('param').id, c.var.caller)), 200),
  );

  app.openapi(
    bearerRoute(deps.tokens, {
      method: 'get',
      path: '/v1/payments/{id}/receipt',
      tags: ['Payments'],
      summary: 'The e-receipt (biên lai điện tử) of a paid payment, from the platform (GET_BILL)',
      request: { params: paymentIdParam },
      responses: {
        200: {
          description: 'The receipt',
          content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...problems({
          ...tokenRefusals,
          404: 'No such payment',
          409: 'Not paid: there is no receipt',
          502: 'The platform refused',
          503: 'The platform is unavailable',
        }),
      },
    }),
    async (c) => {
      const payment = await findPayment(deps, c.req.valid('param').id, c.var.caller);
      if (payment.state !== 'paid') {
        throw new GatewayError(
          'payment.transitionNotAllowed',
          `Giao dịch chưa thanh toán, chưa có biên lai / Payment ${payment.paymentId} is ${publicPaymentState(payment.state)}: no receipt`,
        );
      }
      const pdf = await deps.paymentPlatform.getBill(payment);
      return c.body(pdf.slice().buffer as ArrayBuffer, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="bien-lai-${payment.reference}.pdf"`,
      });
    },
  );
}
