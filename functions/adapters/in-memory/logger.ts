import type { Logger } from '../../ports/logger';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A logger that keeps its lines, so a test can read what an operator would. */
export function createInMemoryLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push({ level, message, fields: Object.assign({}, ...extra) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
