import type { AuditActor } from '../../contracts/admin-api';
import type { Page, PageQuery } from './page';

/** Every action the audit log records; the stored entries are read back against this list. */
export const auditActions = [
  'failedMessage.replay',
  'failedMessage.editReplay',
  'failedMessage.discard',
  'failedMessage.bulkReplay',
  'console.signIn',
  'console.signInFailed',
  'console.signOut',
  'driftFinding.resync',
  'schedule.run',
  'catalogue.refresh',
  'system.webhookTest',
  'system.pause',
  'system.resume',
  'dossiers.resync',
  'system.register',
  'system.change',
  'system.rotateClientSecret',
  'system.rotateWebhookSecret',
  'mapping.save',
  'mapping.delete',
  'mapping.import',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** The person or the API client that acted. */
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly target: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Entries of one person (subject) or API client (client id), and/or of one action. */
export interface AuditFilter {
  readonly actor?: string;
  readonly action?: AuditAction;
}

/** The subject or client id an entry is filed under; an anonymous attempt is filed under its address. */
export function actorKey(entry: Pick<AuditEntry, 'actor'>): string {
  const { actor } = entry;
  return actor.type === 'person' ? actor.subject : actor.type === 'client' ? actor.clientId : actor.address;
}

/** Every admin action, append-only, readable newest first. */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry>;
  list(options: PageQuery & { filter?: AuditFilter }): Promise<Page<AuditEntry>>;
}
