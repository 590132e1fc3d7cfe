/** Every action the audit log records; the stored entries are read back against this list. */
export const auditActions = [
  'failedMessage.replay',
  'failedMessage.editReplay',
  'failedMessage.discard',
  'failedMessage.bulkReplay',
  'console.signIn',
  'driftFinding.resync',
  'schedule.run',
] as const;

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** The admin client (or console user) that acted. */
  readonly actor: string;
  readonly action: (typeof auditActions)[number];
  readonly target: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Every admin action, append-only, readable newest first. */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry>;
  list(options: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; cursor?: string }>;
}
