import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import { createSimulatorKit } from './simulator-kit';

export const PROVINCE_WEBHOOK_PATH = '/webhooks/lien-thong';

/**
 * The events a provincial system receives (DESIGN.md, "Public contract v1": `{id, type,
 * createdAt, data}`), as the kit reads that contract, apart from the gateway's own schemas.
 */
const webhookEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum([
    'dossier.submitted',
    'dossier.status_changed',
    'payment.succeeded',
    'payment.failed',
    'dossier.due_soon',
    'dossier.overdue',
    // Citizens' feedback (DESIGN.md "Public contract v1.1").
    'feedback.received',
    'rating.received',
    'feedback.due_soon',
    'feedback.overdue',
    'ping',
  ]),
  createdAt: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

/**
 * A provincial one-stop system as the gateway sees it: it receives the gateway's webhooks,
 * verifies them exactly as a vendor must (Standard Webhooks: signature, timestamp window),
 * and keeps what it accepted. Its /_sim routes give tests and vendors fault injection.
 */
export function createProvinceSimulator(options: { webhookSecret: string; random?: () => number }) {
  const verifier = new Webhook(options.webhookSecret);
  const kit = createSimulatorKit(options.random ? { random: options.random } : {});
  const { app } = kit;

  app.post(PROVINCE_WEBHOOK_PATH, kit.withFaults, async (c) => {
    const body = await c.req.text();
    const headers = Object.fromEntries(c.req.raw.headers);
    let payload: unknown;
    try {
      payload = verifier.verify(body, headers);
    } catch (error) {
      return c.json({ error: 'invalid signature', detail: (error as Error).message }, 401);
    }
    if (kit.faults().reject) return c.json({ error: 'rejected by the provincial system (simulated)' }, 422);
    const event = webhookEventSchema.safeParse(payload);
    if (!event.success) return c.json({ error: 'unknown event', issues: event.error.issues }, 422);
    kit.record(c, event.data);
    return c.body(null, 204);
  });

  return { app, received: kit.received };
}

export type ProvinceSimulator = ReturnType<typeof createProvinceSimulator>;
