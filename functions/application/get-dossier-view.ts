import { type DossierView, dossierSubmissionSchema } from '../../contracts/provincial-api';
import type { Channel, DeliveryAttempt, DeliveryProgress, MessageSummary } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { AgencyNames } from '../ports/agency-names';
import type { DossierStore } from '../ports/dossier-store';
import { latestDossierVersion } from './load-dossier-facts';

type TimelineEntry = DossierView['timeline'][number];
type SyncState = DossierView['sync']['state'];

const directionOf: Record<Channel, TimelineEntry['direction']> = {
  national: 'to_national',
  province: 'to_province',
};

interface ChannelState {
  readonly channel: Channel;
  readonly messages: MessageSummary[];
  readonly progress: DeliveryProgress;
  readonly attempts: Map<number, DeliveryAttempt[]>;
}

async function loadChannel(
  store: DossierStore,
  channel: Channel,
  dossierCode: string,
): Promise<ChannelState> {
  const [messages, progress, attempts] = await Promise.all([
    store.listMessages(channel, dossierCode),
    store.getDeliveryProgress(channel, dossierCode),
    store.listAttempts(channel, dossierCode),
  ]);
  return { channel, messages, progress, attempts };
}

function timelineOf({ channel, messages, attempts }: ChannelState): TimelineEntry[] {
  return messages.flatMap((message) => [
    {
      at: message.acceptedAt,
      kind: message.kind,
      direction: directionOf[channel],
      outcome: 'accepted',
      detail: `#${message.sequence} ${message.naturalKey} (${message.messageId})`,
    },
    ...(attempts.get(message.sequence) ?? []).map((attempt) => ({
      at: attempt.at,
      kind: message.kind,
      direction: directionOf[channel],
      outcome: attempt.outcome,
      detail: `#${message.sequence} ${attempt.detail} in ${attempt.latencyMs} ms`,
    })),
  ]);
}

function syncStateOf({ messages, progress }: ChannelState): SyncState {
  const latest = messages.at(-1);
  if (messages.some((message) => message.state === 'parked')) return 'parked';
  if (latest && progress.deliveredSequence < latest.sequence)
    return progress.lastError ? 'failing' : 'pending';
  return 'synced';
}

/**
 * The unit name the portal gets as DonViXuLy for a dossier the province sends (the dossier's own,
 * else the known one), and the flag when nobody knows it and the agency code stands in.
 */
async function unitNameOf(
  store: DossierStore,
  agencyNames: AgencyNames,
  national: ChannelState,
  agencyCode: string,
): Promise<Pick<DossierView, 'agencyName' | 'flags'>> {
  if (national.messages.length === 0) return { flags: [] };
  const stored = await latestDossierVersion(store, national.messages);
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
    loadChannel(store, 'national', dossierCode),
    loadChannel(store, 'province', dossierCode),
  ]);
  const primary = national.messages.length > 0 ? national : province;
  const first = primary.messages[0];
  const latest = primary.messages.at(-1);
  if (!first || !latest) {
    throw new GatewayError(
      'dossier.notFound',
      `Không tìm thấy hồ sơ / No dossier ${dossierCode} is known to the gateway`,
    );
  }
  const timeline = [...timelineOf(national), ...timelineOf(province)].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
  const state = syncStateOf(primary);
  const nationalStatus = national.progress.nationalStatus ?? province.messages.at(-1)?.status ?? null;
  const unit = await unitNameOf(store, agencyNames, national, first.agencyCode);
  return {
    dossierCode,
    agencyCode: first.agencyCode,
    ...unit,
    status: latest.status,
    nationalStatus,
    sync: {
      state,
      ...(primary.progress.lastSyncedAt ? { lastSyncedAt: primary.progress.lastSyncedAt } : {}),
      ...(primary.progress.lastError && state !== 'synced' ? { lastError: primary.progress.lastError } : {}),
    },
    payments: [],
    timeline,
  };
}
