import type { DossierView } from '../../contracts/provincial-api';
import { GatewayError } from '../core/gateway-error';
import type { DossierStore } from '../ports/dossier-store';

type TimelineEntry = DossierView['timeline'][number];
type SyncState = DossierView['sync']['state'];

/** Everything the gateway knows about one dossier, from the store alone. */
export async function getDossierView(store: DossierStore, dossierCode: string): Promise<DossierView> {
  const [messages, progress, attempts] = await Promise.all([
    store.listMessages(dossierCode),
    store.getDeliveryProgress(dossierCode),
    store.listAttempts(dossierCode),
  ]);
  const latest = messages.at(-1);
  const first = messages[0];
  if (!latest || !first) {
    throw new GatewayError(
      'dossier.notFound',
      `Không tìm thấy hồ sơ / No dossier ${dossierCode} is known to the gateway`,
    );
  }

  const timeline: TimelineEntry[] = [];
  for (const message of messages) {
    timeline.push({
      at: message.acceptedAt,
      kind: message.kind,
      direction: 'to_national',
      outcome: 'accepted',
      detail: `#${message.sequence} ${message.naturalKey} (${message.messageId})`,
    });
    for (const attempt of attempts.get(message.sequence) ?? []) {
      timeline.push({
        at: attempt.at,
        kind: message.kind,
        direction: 'to_national',
        outcome: attempt.outcome,
        detail: `#${message.sequence} ${attempt.detail} in ${attempt.latencyMs} ms`,
      });
    }
  }
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  let state: SyncState = 'synced';
  if (messages.some((message) => message.state === 'parked')) state = 'parked';
  else if (progress.deliveredSequence < latest.sequence) state = progress.lastError ? 'failing' : 'pending';

  return {
    dossierCode,
    agencyCode: first.agencyCode,
    status: latest.status,
    nationalStatus: progress.nationalStatus ?? null,
    sync: {
      state,
      ...(progress.lastSyncedAt ? { lastSyncedAt: progress.lastSyncedAt } : {}),
      ...(progress.lastError && state !== 'synced' ? { lastError: progress.lastError } : {}),
    },
    payments: [],
    timeline,
  };
}
