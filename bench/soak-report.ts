import { toNationalTimestamp } from '../functions/core/national-time';
import { requestToken } from '../infra/local/demo-client';
import type { createPaymentPlatformSimulator } from '../infra/simulators/payment-platform-simulator';
import type { ReceivedRequest } from '../infra/simulators/simulator-kit';
import { changesFor, FEEDBACK_REPLY_STATES, PUSHED_STATUSES, REFERENCE } from './soak-traffic';

/** What the receivers got, against what the gateway accepted: the soak's report. */

/** What one receiver got, against what the gateway accepted for it. */
export interface ReceiverReport {
  readonly accepted: number;
  readonly delivered: number;
  readonly parked: number;
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
  /** The keys that arrived more than once, so a failing soak names what was duplicated. */
  readonly duplicatedKeys: readonly string[];
  /**
   * Sent again under the same webhook-id (a crash between delivery and its record): Standard
   * Webhooks receivers deduplicate by that id, so the province processes it once.
   */
  readonly redeliveredSameId: number;
  /**
   * Progress rows (of status changes and payments) sent again because the gateway could not know
   * that the portal carried out a copy: its answer was lost, or the gateway was killed between
   * the answer and the record. A row does not change the record TraCuuHoSo answers, so the
   * gateway resends it rather than risk losing it (docs/adr/0013, docs/performance.md).
   */
  readonly rowsResentUnconfirmed: number;
  readonly outOfOrder: number;
}

/** The payment platform's side: money taken, and what became of each settled payment. */
export interface PaymentReport {
  readonly created: number;
  readonly paidAtPlatform: number;
  readonly callbacksSent: number;
  /** Dossiers with more than one payment taken at the platform (must be 0). */
  readonly chargedTwice: number;
  /** Paid payments relayed to the province exactly once and to the portal exactly once. */
  readonly relayedExactlyOnce: number;
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
}

export interface SoakReport {
  readonly nationalPortal: ReceiverReport;
  readonly province: ReceiverReport;
  readonly paymentPlatform: PaymentReport;
  /** Totals over the receivers: each must be 0. */
  readonly lost: number;
  readonly duplicatedAtReceiver: number;
  readonly outOfOrder: number;
  readonly refused: number;
  readonly kills: number;
  /** Empty unless something was duplicated: the faults and every arrival of those dossiers. */
  readonly duplicateTrace: readonly string[];
  readonly drainSecondsAfterLastFault: number;
  readonly elapsedSeconds: number;
}

interface ReceivedKeys {
  /** Every accepted request's key, in arrival order, repeats included. */
  readonly keys: string[];
  /** Per dossier, its keys in arrival order and the order they were made in. */
  readonly perDossier: Map<string, { arrived: string[]; expected: string[] }>;
}

export function receiverReport(
  accepted: Set<string>,
  received: ReceivedKeys,
  parked: number,
  redeliveredSameId: number,
  rowsResentUnconfirmed: number,
): ReceiverReport {
  const delivered = new Set(received.keys);
  const seen = new Set<string>();
  const duplicatedKeys = new Set<string>();
  for (const key of received.keys) {
    if (seen.has(key)) duplicatedKeys.add(key);
    seen.add(key);
  }
  const missing = [...accepted].filter((key) => !delivered.has(key)).length;
  let outOfOrder = 0;
  for (const { arrived, expected } of received.perDossier.values()) {
    const positions = [...new Set(arrived)].map((key) => expected.indexOf(key));
    if (positions.some((position, index) => index > 0 && position < (positions[index - 1] ?? 0)))
      outOfOrder += 1;
  }
  return {
    accepted: accepted.size,
    delivered: [...accepted].filter((key) => delivered.has(key)).length,
    parked,
    lost: Math.max(0, missing - parked),
    duplicatedAtReceiver: received.keys.length - delivered.size,
    duplicatedKeys: [...duplicatedKeys],
    redeliveredSameId,
    rowsResentUnconfirmed,
    outOfOrder,
  };
}

/**
 * A bound on how long the relay may take to record a delivery after the portal's answer (on a
 * loaded machine, seconds), so that a row the portal took long before a kill and sent again
 * after the restart still counts as a duplicate.
 */
const RECORD_WINDOW_MS = 10_000;

type PortalRequest = { at: string; body: unknown; answerLost?: boolean };

const FEEDBACK_REPLY = 'DongBoKetQuaHoiDapGuiTuDVCQG';

/** A citizen feedback reply's key: its item (the gateway's channel key) and its state code. */
const feedbackReplyKey = (row: { HOIDAPID: string; TRANGTHAI: string }) =>
  `PAKN.${row.HOIDAPID}#${row.TRANGTHAI}`;

/**
 * A request that is a single row the portal cannot be asked about: a progress row, or a
 * feedback reply (no look-up exists on the feedback wire, docs/adr/0017).
 */
function rowKey(request: PortalRequest): string | undefined {
  const body = request.body as {
    service?: string;
    data?: {
      MaHoSo: string;
      ThoiDiemXuLy?: string;
      NoiDungXuLy?: string;
      HOIDAPID?: string;
      TRANGTHAI?: string;
    }[];
  };
  const row = body.data?.length === 1 ? body.data[0] : undefined;
  if (row && body.service === FEEDBACK_REPLY)
    return feedbackReplyKey({ HOIDAPID: String(row.HOIDAPID), TRANGTHAI: String(row.TRANGTHAI) });
  return row && body.service === 'CapNhatTienDoHoSoMC'
    ? `${row.MaHoSo}#${row.ThoiDiemXuLy}#${row.NoiDungXuLy ?? ''}`
    : undefined;
}

/** The ordered channel a portal request belongs to: its dossier, or its feedback item. */
function channelOf(request: PortalRequest): string | undefined {
  const row = (request.body as { data?: { MaHoSo?: string; HOIDAPID?: string }[] }).data?.[0];
  return row?.MaHoSo ?? (row?.HOIDAPID === undefined ? undefined : `PAKN.${row.HOIDAPID}`);
}

/** A SIGKILL: when it was sent, and when the process was seen gone (before any restart). */
export interface Kill {
  readonly at: Date;
  readonly exitedAt: Date;
}

/**
 * The rows a kill may have caught between the portal's answer and the relay's record: per
 * dossier, the last request the portal took from the killed process, when it is a row. A request
 * already on the wire is read after the kill, so "from the killed process" means before it was
 * seen gone. Any later request of the same dossier would prove the record made, since the relay
 * sends a dossier's next call only after recording the previous one.
 */
function rowsCaughtByAKill(received: readonly PortalRequest[], kills: readonly Kill[]): Set<PortalRequest> {
  const caught = new Set<PortalRequest>();
  for (const kill of kills) {
    const lastPerDossier = new Map<string, PortalRequest>();
    for (const request of received) {
      if (Date.parse(request.at) > kill.exitedAt.getTime()) continue;
      const code = channelOf(request);
      if (code) lastPerDossier.set(code, request);
    }
    for (const request of lastPerDossier.values())
      if (rowKey(request) && kill.at.getTime() - Date.parse(request.at) <= RECORD_WINDOW_MS)
        caught.add(request);
  }
  return caught;
}

/**
 * Splits the portal's record into what counts and the progress rows sent again after an earlier
 * copy was carried out unconfirmed: with its answer lost, or caught by a kill before the relay
 * recorded it. Only those: a dossier record (a first sync or a status change's update) resent
 * after either still counts as a duplicate, since TraCuuHoSo can tell the gateway it landed.
 */
export function setAsideRowsResentUnconfirmed<T extends PortalRequest>(
  received: readonly T[],
  kills: readonly Kill[],
): { counted: T[]; rowsResentUnconfirmed: number } {
  const caughtByAKill = rowsCaughtByAKill(received, kills);
  const unconfirmedRows = new Set<string>();
  const counted: T[] = [];
  let rowsResentUnconfirmed = 0;
  for (const request of received) {
    const key = rowKey(request);
    if (key && unconfirmedRows.has(key)) {
      unconfirmedRows.delete(key);
      rowsResentUnconfirmed += 1;
      continue;
    }
    if (key && (request.answerLost || caughtByAKill.has(request))) unconfirmedRows.add(key);
    counted.push(request);
  }
  return { counted, rowsResentUnconfirmed };
}

function collect(entries: Iterable<[code: string, key: string]>, expectedFor: (code: string) => string[]) {
  const keys: string[] = [];
  const perDossier = new Map<string, { arrived: string[]; expected: string[] }>();
  for (const [code, key] of entries) {
    keys.push(key);
    const entry = perDossier.get(code) ?? { arrived: [], expected: expectedFor(code) };
    entry.arrived.push(key);
    perDossier.set(code, entry);
  }
  return { keys, perDossier };
}

/**
 * What the portal simulator accepted, as the keys the client counted: `<code>#v1` for the
 * dossier, `<code>#soak-i-step:update` for a status change's DongBoHoSoMC update (found by the
 * promised date it moved), `<code>#soak-i-step` for its row (found by its time), `<code>#payment`
 * for a payment's row; `PAKN.<id>#<state code>` for a feedback reply. Order per dossier: the
 * sync, each change's update then row, the payment; per feedback item, reception then answer.
 */
export function nationalKeys(received: readonly { body: unknown }[]): ReceivedKeys {
  const entries: [string, string][] = [];
  for (const request of received) {
    const reply = request.body as { service: string; data?: { HOIDAPID: string; TRANGTHAI: string }[] };
    if (reply.service === FEEDBACK_REPLY) {
      for (const row of reply.data ?? []) entries.push([`PAKN.${row.HOIDAPID}`, feedbackReplyKey(row)]);
      continue;
    }
    const body = request.body as {
      service: string;
      data: { MaHoSo: string; NgayHenTra?: string; ThoiDiemXuLy?: string; NoiDungXuLy?: string }[];
    };
    for (const item of body.data ?? []) {
      const changes = changesFor(Number(item.MaHoSo.slice(-4)));
      const key =
        body.service === 'DongBoHoSoMC'
          ? `${item.MaHoSo}#${changes.filter((change) => change.dueAt && toNationalTimestamp(change.dueAt) === item.NgayHenTra).map((change) => `${change.eventId}:update`)[0] ?? 'v1'}`
          : REFERENCE.test(item.NoiDungXuLy ?? '')
            ? `${item.MaHoSo}#payment`
            : `${item.MaHoSo}#${changes.find((change) => toNationalTimestamp(change.at) === item.ThoiDiemXuLy)?.eventId}`;
      entries.push([item.MaHoSo, key]);
    }
  }
  return collect(entries, (code) =>
    code.startsWith('PAKN.')
      ? FEEDBACK_REPLY_STATES.map((state) => `${code}#${state}`)
      : [
          `${code}#v1`,
          ...changesFor(Number(code.slice(-4))).flatMap((change) => [
            `${code}#${change.eventId}:update`,
            `${code}#${change.eventId}`,
          ]),
          `${code}#payment`,
        ],
  );
}

/** The webhooks a Standard Webhooks receiver processes: the first of each webhook-id. */
export function onePerWebhookId<T extends { headers: Record<string, string> }>(received: readonly T[]): T[] {
  const seen = new Set<string>();
  return received.filter((request) => {
    const id = request.headers['webhook-id'] ?? '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The province simulator's webhooks that relay a message: the portal's pushes in the order
 * pushed, payments, and citizens' feedback (`PAKN.<id>#feedback`). The deadline watch's notices
 * (dossier.due_soon, dossier.overdue, their feedback kin) are the gateway's own, not relayed
 * messages, so they are not counted.
 */
export function provinceKeys(received: readonly { body: unknown }[]): ReceivedKeys {
  const entries: [string, string][] = [];
  for (const request of received) {
    const event = request.body as {
      type: string;
      data: { dossierCode: string; nationalStatusCode?: number; feedbackId?: string };
    };
    if (event.type === 'feedback.received') {
      entries.push([`PAKN.${event.data.feedbackId}`, `PAKN.${event.data.feedbackId}#feedback`]);
      continue;
    }
    const code = event.data.dossierCode;
    const key =
      event.type === 'dossier.submitted'
        ? `${code}#submitted`
        : event.type === 'dossier.status_changed'
          ? `${code}#status-${event.data.nationalStatusCode}`
          : event.type.startsWith('payment.')
            ? `${code}#payment`
            : undefined;
    if (key) entries.push([code, key]);
  }
  return collect(entries, (code) =>
    code.startsWith('PAKN.')
      ? [`${code}#feedback`]
      : [`${code}#submitted`, ...PUSHED_STATUSES.map((status) => `${code}#status-${status}`)],
  );
}

export function paymentsReport(
  platform: ReturnType<typeof createPaymentPlatformSimulator>,
  payments: ReadonlyMap<string, { code: string; reference: string }>,
  settled: ReadonlySet<string>,
  nationalReceived: readonly { body: unknown }[],
  provinceReceived: readonly { body: unknown }[],
): PaymentReport {
  const paidPerDossier = new Map<string, number>();
  for (const transaction of platform.transactions.values()) {
    if (transaction.state !== 'paid') continue;
    const code = transaction.init.ThongTinBienLai.MaHoSo;
    paidPerDossier.set(code, (paidPerDossier.get(code) ?? 0) + 1);
  }
  const count = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const toProvince = count(
    provinceReceived.flatMap((request) => {
      const event = request.body as { type: string; data: { paymentId?: string } };
      return event.type.startsWith('payment.') && event.data.paymentId ? [event.data.paymentId] : [];
    }),
  );
  const toNational = count(
    nationalReceived.flatMap((request) =>
      ((request.body as { data?: { NoiDungXuLy?: string }[] }).data ?? []).flatMap(
        (row) => row.NoiDungXuLy?.match(REFERENCE)?.[0] ?? [],
      ),
    ),
  );
  let exactlyOnce = 0;
  let lost = 0;
  let duplicated = 0;
  for (const paymentId of settled) {
    const province = toProvince.get(paymentId) ?? 0;
    const national = toNational.get(payments.get(paymentId)?.reference ?? '') ?? 0;
    if (province === 1 && national === 1) exactlyOnce += 1;
    lost += (province === 0 ? 1 : 0) + (national === 0 ? 1 : 0);
    duplicated += Math.max(0, province - 1) + Math.max(0, national - 1);
  }
  return {
    created: payments.size,
    paidAtPlatform: [...paidPerDossier.values()].reduce((sum, paid) => sum + paid, 0),
    callbacksSent: platform.callbacks.length,
    chargedTwice: [...paidPerDossier.values()].filter((paid) => paid > 1).length,
    relayedExactlyOnce: exactlyOnce,
    lost,
    duplicatedAtReceiver: duplicated,
  };
}

export async function countParked(gatewayUrl: string): Promise<{ national: number; province: number }> {
  const access_token = await requestToken(gatewayUrl, 'demo-admin', 'demo-admin-secret');
  const overview = await fetch(`${gatewayUrl}/v1/admin/queues`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  const body = (await overview.json()) as { queues: { name: string; parked: number }[] };
  const sum = (channel: string) =>
    body.queues
      .filter((queue) => queue.name.includes(channel))
      .reduce((total, queue) => total + queue.parked, 0);
  return { national: sum('national'), province: sum('province') };
}

/** The fields that tell one record of a dossier from another, for the trace. */
function tellingFields(body: unknown): Record<string, unknown> {
  const { data } = body as { data?: unknown };
  const item = (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined;
  const telling = [
    'TrangThai',
    'NgayHenTra',
    'ThoiDiemXuLy',
    'NgayKetThucTheoQuyDinh',
    'nationalStatusCode',
    'paymentId',
  ];
  return Object.fromEntries(
    telling.filter((key) => item?.[key] !== undefined).map((key) => [key, item?.[key]]),
  );
}

/** Each arrival at a receiver of the given dossiers, one line each, to read beside the faults. */
export function arrivalsOf(
  codes: ReadonlySet<string>,
  ...receivers: readonly (readonly ReceivedRequest[])[]
): string[] {
  return receivers.flat().flatMap((request) => {
    const text = JSON.stringify(request.body);
    const code = [...codes].find((candidate) => text.includes(candidate));
    if (!code) return [];
    const body = request.body as { service?: string; type?: string };
    const webhookId = request.headers['webhook-id'];
    return [
      [
        request.at,
        request.path,
        body.service ?? body.type ?? '',
        code,
        webhookId ? `webhook-id ${webhookId}` : '',
        request.answerLost ? '(answer lost)' : '',
        JSON.stringify(tellingFields(request.body)),
      ]
        .filter(Boolean)
        .join(' '),
    ];
  });
}
