import type { Logger } from '../../ports/logger';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  /** The structured fields, merged as Powertools merges them. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A logger that keeps what it was told, so a test can read what an operator would see. */
export function createRecordingLogger(): Logger & {
  readonly entries: readonly LogEntry[];
  at(level: LogEntry['level']): LogEntry[];
} {
  const entries: LogEntry[] = [];
  const write =
    (level: LogEntry['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      void entries.push({ level, message, fields: Object.assign({}, ...extra) });
  return {
    entries,
    at: (level) => entries.filter((entry) => entry.level === level),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}
