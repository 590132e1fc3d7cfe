import { type DossierView, dossierSubmissionSchema } from '../../contracts/provincial-api';
import type { Channel, MessageKind } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { AgencyNames } from '../ports/agency-names';
import type { DossierStore, MessageHistory } from '../ports/dossier-store';
import { latestDossierVersion } from './load-dossier-facts';

type TimelineEntry = DossierView['timeline'][number];
type SyncState = DossierView['sync']['state'];

const directionOf: Record<Channel, TimelineEntry['direction']> = {
  national: 'to_national',
  province: 'to_province',
};

/** Kinds whose delivery gives the portal the message's status (a payment row repeats the status it has). */
const movesNationalStatus = new Set<MessageKind>(['dossier.sync', 'dossier.status', 'dossier.resync']);

export function timelineOf(channel: Channel, history: readonly MessageHistory[]): TimelineEntry[] {
  return history.flatMap((message) => [
    {
      at: message.acceptedAt,
      kind: message.kind,
      direction: directionOf[channel],
      outcome: 'accepted',
      detail: `#${message.sequence} ${message.naturalKey} (${message.messageId})`,
    },
    ...message.attempts.map((attempt) => ({
      at: attempt.at,
      kind: message.kind,
      direction: directionOf[channel],
      outcome: attempt.outcome,
      detail: `#${message.sequence} ${attempt.detail} in ${attempt.latencyMs} ms`,
    })),
  ]);
}

/**
 * A channel's sync state from its messages alone. Each message's state and the attempt that set
 * it are one item, written by one update, so whatever a reader sees of a delivery it sees whole:
 * the state never says synced while the timeline lacks the delivery (the relay's progress item,
 * written just before, is not read here).
 */
function syncOf(history: readonly MessageHistory[]): DossierView['sync'] {
  const lastSyncedAt = history
    .flatMap((message) => message.attempts)
    .filter((attempt) => attempt.outcome === 'delivered')
    .map((attempt) => attempt.at)
    .sort()
    .at(-1);
  const synced = lastSyncedAt ? { lastSyncedAt } : {};
  const parked = history.find((message) => message.state === 'parked');
  if (parked) return stateWithError('parked', parked, synced);
  const waiting = history.find((message) => message.state === 'accepted' || message.state === 'held');
  if (!waiting) return { state: 'synced', ...synced };
  return waiting.attempts.at(-1)?.outcome === 'failed'
    ? stateWithError('failing', waiting, synced)
    : { state: 'pending', ...synced };
}

function stateWithError(
  state: SyncState,
  message: MessageHistory,
  synced: { lastSyncedAt?: string },
): DossierView['sync'] {
  const lastError = message.attempts.at(-1)?.detail;
  return { state, ...synced, ...(lastError ? { lastError } : {}) };
}

/** The status the portal was last given: that of the latest national message delivered which sets one. */
function nationalStatusOf(history: readonly MessageHistory[]): DossierView['nationalStatus'] {
  return (
    history.filter((message) => message.state === 'delivered' && movesNationalStatus.has(message.kind)).at(-1)
      ?.status ?? null
  );
}

/**
 * The unit name the portal gets as DonViXuLy for a dossier the province sends (the dossier's own,
 * else the known one), and the flag when nobody knows it and the agency code stands in.
 */
async function unitNameOf(
  store: DossierStore,
  agencyNames: AgencyNames,
  national: readonly MessageHistory[],
  agencyCode: string,
): Promise<Pick<DossierView, 'agencyName' | 'flags'>> {
  if (national.length === 0) return { flags: [] };
  const stored = await latestDossierVersion(store, national);
  const own = dossierSubmissionSchema.safeParse(stored?.payload);
  const name = (own.success ? own.data.agencyName : undefined) ?? (await agencyNames.nameOf(agencyCode));
  if (name) return { agencyName: name, flags: [] };
  return {
    flags: [
      {
        code: 'agency.nameUnknown',
        message: `Cổng DVCQG nhận mã ${agencyCode} thay cho tên đơn vị (DonViXuLy): gửi agencyName, hoặc thêm mã vào config/agency-names.json / The portal gets the code ${agencyCode} instead of the unit’s name (DonViXuLy): send agencyName, or add the code to config/agency-names.json`,
      },
    ],
  };
}

/** Everything the gateway knows about one dossier, from the store and the unit names it knows. */
export async function getDossierView(
  store: DossierStore,
  dossierCode: string,
  agencyNames: AgencyNames,
): Promise<DossierView> {
  const [national, province] = await Promise.all([
    store.listHistory('national', dossierCode),
    store.listHistory('province', dossierCode),
  ]);
  const primary = national.length > 0 ? national : province;
  const first = primary[0];
  const latest = primary.at(-1);
  if (!first || !latest) {
    throw new GatewayError(
      'dossier.notFound',
      `Không tìm thấy hồ sơ / No dossier ${dossierCode} is known to the gateway`,
    );
  }
  const timeline = [...timelineOf('national', national), ...timelineOf('province', province)].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
  const unit = await unitNameOf(store, agencyNames, national, first.agencyCode);
  return {
    dossierCode,
    agencyCode: first.agencyCode,
    ...unit,
    status: latest.status,
    nationalStatus: nationalStatusOf(national) ?? province.at(-1)?.status ?? null,
    sync: syncOf(primary),
    payments: [],
    timeline,
  };
}
