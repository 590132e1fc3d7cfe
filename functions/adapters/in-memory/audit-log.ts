import { type AuditEntry, type AuditLog, actorKey } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';

/** The audit log in memory: append-only, read newest first, a page at a time. */
export function createInMemoryAuditLog(options: { clock: Clock; newId: () => string }): AuditLog & {
  readonly entries: readonly AuditEntry[];
} {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      const full: AuditEntry = { ...entry, id: options.newId(), at: options.clock.now().toISOString() };
      entries.push(full);
      return full;
    },
    async list({ limit, cursor, filter }) {
      const newestFirst = [...entries]
        .reverse()
        .filter(
          (entry) =>
            (!filter?.action || entry.action === filter.action) &&
            (!filter?.actor || actorKey(entry) === filter.actor),
        );
      const start = cursor ? newestFirst.findIndex((entry) => entry.id === cursor) + 1 : 0;
      const page = newestFirst.slice(start, start + limit);
      const last = page.at(-1);
      return start + limit < newestFirst.length && last ? { items: page, cursor: last.id } : { items: page };
    },
  };
}
