import type { AuditActor } from '../../contracts/admin-api';
import type { ConnectedSystemOperations } from '../../functions/application/manage-connected-systems';
import { isGatewayError } from '../../functions/core/gateway-error';
import { demoClients, demoWebhookSecret } from './demo-credentials';

/** Who the audit log names for what the local runtime does by itself. */
const localRuntime: AuditActor = { type: 'client', clientId: 'local-runtime' };

/**
 * Registers the demo systems through the same use case as POST /v1/admin/systems, with the demo
 * secrets instead of new ones (DESIGN.md, local demo secrets). A system already registered (a
 * data directory kept from an earlier start) keeps its secrets, even rotated ones; only the demo
 * province's webhook address follows the simulator's port of this start.
 */
export async function seedDemoSystems(
  systems: ConnectedSystemOperations,
  provinceWebhookUrl: string,
): Promise<void> {
  for (const demo of demoClients) {
    const webhookUrl = demo.kind === 'province' ? provinceWebhookUrl : undefined;
    const kept = await systems.show(demo.clientId).catch((error: unknown) => {
      if (isGatewayError(error, 'system.notFound')) return undefined;
      throw error;
    });
    if (kept) {
      if (webhookUrl && kept.webhookUrl !== webhookUrl) {
        await systems.change(demo.clientId, { webhookUrl }, localRuntime);
      }
      continue;
    }
    await systems.register(
      {
        systemId: demo.clientId,
        name: demo.name,
        kind: demo.kind,
        agencies: demo.agencies,
        scopes: demo.scopes,
        ...(webhookUrl ? { webhookUrl } : {}),
      },
      localRuntime,
      { clientSecret: demo.secret, ...(webhookUrl ? { webhookSecret: demoWebhookSecret } : {}) },
    );
  }
}
