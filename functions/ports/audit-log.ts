export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** The admin client (or console user) that acted. */
  readonly actor: string;
  readonly action:
    | 'failedMessage.replay'
    | 'failedMessage.editReplay'
    | 'failedMessage.discard'
    | 'failedMessage.bulkReplay'
    | 'console.signIn'
    | 'driftFinding.resync';
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
