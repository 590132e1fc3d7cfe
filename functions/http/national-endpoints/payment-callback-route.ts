import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { paymentCallbackReplySchema } from '../../../contracts/payment-platform';
import { receivePaymentCallback } from '../../application/receive-payment-callback';
import type { SystemsApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json, problems } from '../openapi-parts';

/**
 * The payment platform's callback (IPN). No bearer token: the platform signs it with
 * MaXacThuc. The body is read here and checked by the use case, never by the OpenAPI
 * validator, because every answer (a refusal too) must be in the platform's reply format.
 */
export function registerPaymentCallbackRoute(app: OpenAPIHono<AppEnv>, deps: SystemsApiDependencies) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/callbacks/payment',
      tags: ['Payments'],
      summary: 'Callback of the national payment platform (protocol 1.0.6)',
      description:
        'Body: LoaiBanTin, MaLoi (00 = paid), MaDoiTac, MaThamChieu, SoTien, MaTienTe, MaGiaoDich, MaNganHang, ' +
        'ThoiGianGD, ThongTinGiaoDich, MaXacThuc. Acknowledged only once stored; a repeat is acknowledged and changes nothing.',
      responses: {
        200: {
          description: 'Reply in the platform’s format; MaLoi 00 = received',
          content: json(paymentCallbackReplySchema),
        },
        500: {
          description: 'Not stored (MaLoi 99): send the callback again',
          content: json(paymentCallbackReplySchema),
        },
        ...problems({ ...bodyRefusals }),
      },
    }),
    async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const remoteAddress = deps.remoteAddress(c);
      const { httpStatus, reply } = await receivePaymentCallback(
        deps,
        body,
        remoteAddress ? { remoteAddress } : {},
      );
      return c.json(reply, httpStatus);
    },
  );
}
