import type { AuditActor } from '../../contracts/admin-api';
import type { Channel, DeliveryAttempt, FailedMessage, StoredMessage } from '../core/dossier-message';
import { GatewayError } from '../core/gateway-error';
import type { AuditLog } from '../ports/audit-log';
import type { FailedMessageQuery } from '../ports/dossier-store';
import type { Page, PageQuery } from '../ports/page';
import type { QueueDepth, QueueMonitor } from '../ports/queue-monitor';
import { discardFailedMessage, type ReplayRequest, replayFailedMessage } from './manage-failed-messages';
import type { RelayDependencies } from './relay-message';

export interface AdminDependencies extends RelayDependencies {
  readonly audit: AuditLog;
  readonly queueMonitor: QueueMonitor;
  /** Dead-letter queue of each channel's queue, by name. */
  readonly deadLetterQueues: Readonly<Record<Channel, string>>;
}

export interface QueueOverview {
  readonly name: string;
  readonly channel: Channel;
  readonly depth: number;
  readonly inFlight: number;
  readonly deadLetterDepth: number;
  readonly parked: number;
}

/** Upper bound on parked records counted per queue for the overview; beyond it the UI says "1000+". */
const PARKED_COUNT_LIMIT = 1000;
const BULK_REPLAY_LIMIT = 500;

export async function queueOverview(
  deps: AdminDependencies,
): Promise<{ queues: QueueOverview[]; oldestPendingAgeSeconds: number | null }> {
  const [depths, oldest] = await Promise.all([deps.queueMonitor.depths(), deps.store.oldestPendingSince()]);
  const byName = new Map<string, QueueDepth>(depths.map((depth) => [depth.name, depth]));
  const queues = await Promise.all(
    (Object.keys(deps.queues) as Channel[]).map(async (channel) => {
      const name = deps.queues[channel].name;
      const parked = await deps.store.listFailedMessages({
        queue: name,
        status: 'parked',
        limit: PARKED_COUNT_LIMIT,
      });
      return {
        name,
        channel,
        depth: byName.get(name)?.visible ?? 0,
        inFlight: byName.get(name)?.inFlight ?? 0,
        deadLetterDepth: byName.get(deps.deadLetterQueues[channel])?.visible ?? 0,
        parked: parked.items.length,
      };
    }),
  );
  const oldestPendingAgeSeconds = oldest
    ? Math.max(0, Math.round((deps.clock.now().getTime() - Date.parse(oldest)) / 1000))
    : null;
  return { queues, oldestPendingAgeSeconds };
}

export type FailedMessageFilter = Omit<FailedMessageQuery, 'queue' | keyof PageQuery> & {
  readonly queue?: string;
};

/** Where a failed record sits in "newest first" order; the cursor is the last one shown. */
const positionOf = (item: FailedMessage) => `${item.parkedAt}#${item.messageId}`;

/** Failed messages newest first across the requested queue (or all), a page at a time. */
export async function listFailedMessages(
  deps: AdminDependencies,
  filter: FailedMessageFilter,
  page: PageQuery,
): Promise<Page<FailedMessage>> {
  const queueNames = (Object.values(deps.queues) as { name: string }[]).map((queue) => queue.name);
  if (filter.queue && !queueNames.includes(filter.queue)) {
    throw new GatewayError('request.invalid', `Không có hàng đợi ${filter.queue} / Unknown queue`, {
      fieldErrors: [{ path: '$.queue', message: `one of ${queueNames.join(', ')}` }],
    });
  }
  const before = page.cursor ? Buffer.from(page.cursor, 'base64url').toString('utf8') : undefined;
  const pages = await Promise.all(
    (filter.queue ? [filter.queue] : queueNames).map((queue) =>
      deps.store.listFailedMessages({
        ...filter,
        queue,
        limit: page.limit + 1,
        ...(before ? { before } : {}),
      }),
    ),
  );
  const merged = pages
    .flatMap((result) => result.items)
    .sort((a, b) => (positionOf(a) < positionOf(b) ? 1 : -1));
  const items = merged.slice(0, page.limit);
  const last = items.at(-1);
  const more = merged.length > page.limit || pages.some((result) => result.cursor !== undefined);
  return more && last ? { items, cursor: Buffer.from(positionOf(last)).toString('base64url') } : { items };
}

export interface FailedMessageDetail {
  readonly failed: FailedMessage;
  readonly message: StoredMessage | undefined;
  readonly attempts: readonly DeliveryAttempt[];
}

export async function failedMessageDetail(
  deps: AdminDependencies,
  messageId: string,
): Promise<FailedMessageDetail> {
  const failed = await deps.store.getFailedMessage(messageId);
  if (!failed)
    throw new GatewayError(
      'failedMessage.notFound',
      `Không có tin lỗi ${messageId} / No failed message ${messageId}`,
    );
  const [message, history] = await Promise.all([
    deps.store.getMessage(failed.channel, failed.dossierCode, failed.sequence),
    deps.store.listHistory(failed.channel, failed.dossierCode),
  ]);
  return {
    failed,
    message,
    attempts: history.find((stored) => stored.sequence === failed.sequence)?.attempts ?? [],
  };
}

export async function replayAsAdmin(
  deps: AdminDependencies,
  messageId: string,
  options: ReplayRequest,
): Promise<FailedMessage> {
  const before = await failedMessageDetail(deps, messageId);
  const after = await replayFailedMessage(deps, messageId, options);
  await deps.audit.record({
    actor: options.actor,
    action: options.editedPayload === undefined ? 'failedMessage.replay' : 'failedMessage.editReplay',
    target: messageId,
    before: {
      status: before.failed.status,
      ...(options.editedPayload === undefined ? {} : { payload: before.message?.payload }),
    },
    after: {
      status: after.status,
      ...(options.editedPayload === undefined ? {} : { payload: options.editedPayload }),
    },
  });
  return after;
}

export async function discardAsAdmin(
  deps: AdminDependencies,
  messageId: string,
  options: { actor: AuditActor; reason: string },
): Promise<FailedMessage> {
  const reason = options.reason.trim();
  if (reason.length < 3) {
    throw new GatewayError(
      'request.invalid',
      'Cần nêu lý do loại bỏ / A reason is required to discard a message',
      {
        fieldErrors: [{ path: '$.reason', message: 'at least 3 characters' }],
      },
    );
  }
  const after = await discardFailedMessage(deps, messageId, { actor: options.actor, reason });
  await deps.audit.record({
    actor: options.actor,
    action: 'failedMessage.discard',
    target: messageId,
    reason,
    before: { status: 'parked' },
    after: { status: after.status },
  });
  return after;
}

/**
 * Replays every parked message matching a filter, oldest sequence first per dossier so each
 * dossier's order holds; `dryRun` only counts.
 */
export async function bulkReplay(
  deps: AdminDependencies,
  filter: FailedMessageFilter,
  options: { actor: AuditActor; dryRun: boolean },
): Promise<{ matched: number; replayed: string[]; failed: { messageId: string; error: string }[] }> {
  const { items } = await listFailedMessages(
    deps,
    { ...filter, status: 'parked' },
    { limit: BULK_REPLAY_LIMIT },
  );
  const ordered = [...items].sort((a, b) =>
    a.dossierCode === b.dossierCode ? a.sequence - b.sequence : a.dossierCode < b.dossierCode ? -1 : 1,
  );
  if (options.dryRun) return { matched: ordered.length, replayed: [], failed: [] };
  const replayed: string[] = [];
  const failed: { messageId: string; error: string }[] = [];
  for (const item of ordered) {
    try {
      await replayFailedMessage(deps, item.messageId, { actor: options.actor });
      replayed.push(item.messageId);
    } catch (error) {
      failed.push({ messageId: item.messageId, error: (error as Error).message });
    }
  }
  await deps.audit.record({
    actor: options.actor,
    action: 'failedMessage.bulkReplay',
    target: JSON.stringify(filter),
    before: { matched: ordered.length },
    after: { replayed: replayed.length, failed: failed.length },
  });
  return { matched: ordered.length, replayed, failed };
}
