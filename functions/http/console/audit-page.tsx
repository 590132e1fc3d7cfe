import { dossierStatuses } from '../../../contracts/dossier-status';
import { driftFindingStates } from '../../../contracts/drift-check';
import { maskPersonalData } from '../../core/mask-personal-data';
import type { AuditEntry } from '../../ports/audit-log';
import type { ApiDependencies } from '../api-dependencies';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp } from './console-env';
import { DataTable, Layout, prettyJson } from './console-layout';
import type { ConsoleSession } from './console-session';
import { formatVietnamTime, type Language, type TextKey, translator } from './console-text';
import {
  auditActionName,
  dossierStatusName,
  driftStateLabels,
  failedStatuses,
  failedStatusName,
} from './console-words';
import { pageFrame } from './page-frame';

/** The fields audit entries record (admin-operations.ts, resync-dossier.ts), by their console label. */
const fieldLabels: Readonly<Record<string, TextKey>> = {
  status: 'status',
  state: 'status',
  payload: 'payload',
  ourStatus: 'ourStatus',
  portalStatus: 'portalStatus',
  replayed: 'replayedCount',
  failed: 'failedMessages',
  matched: 'matched',
};

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * What an action changed, one line per field: `Trạng thái: Đang tạm giữ → Đã gửi lại`. An
 * edited payload is said, not shown (it may hold personal data); other values are masked.
 */
function changesOf(entry: AuditEntry, t: (key: TextKey) => string, language: Language): string[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const shown = (key: string, value: unknown) => {
    if (value === undefined || value === null) return '–';
    if (key === 'payload') return t('payloadEdited');
    const status = failedStatuses.find((candidate) => candidate === value);
    if (key === 'status' && status) return failedStatusName(status, language);
    const findingState = driftFindingStates.find((candidate) => candidate === value);
    if (key === 'state' && findingState) return t(driftStateLabels[findingState]);
    const dossierStatus = dossierStatuses.find((candidate) => candidate.name === value);
    if (key === 'ourStatus' && dossierStatus) return dossierStatusName(dossierStatus.name, language);
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : prettyJson(maskPersonalData(value));
  };
  const label = (key: string) => t(fieldLabels[key] ?? 'detail');
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((key) =>
    key in before && key in after
      ? `${label(key)}: ${shown(key, before[key])} → ${shown(key, after[key])}`
      : `${label(key)}: ${shown(key, key in after ? after[key] : before[key])}`,
  );
}

/** `${CONSOLE_PATH}/audit`: every administrator's action, newest first, said in words. */
export function registerAuditPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/audit', session, async (c) => {
    const language = c.var.language;
    const t = translator(language);
    const cursor = c.req.query('cursor');
    const result = await deps.audit.list({ limit: CONSOLE_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    const page = pageFrame(c, 'audit', t('audit'));
    return c.html(
      <Layout {...page}>
        <DataTable
          rows={result.items}
          columns={[
            { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
            { header: t('actor'), cell: (entry) => entry.actor },
            { header: t('action'), cell: (entry) => auditActionName(entry.action, language) },
            { header: t('target'), cell: (entry) => entry.target },
            { header: t('reason'), cell: (entry) => entry.reason ?? '' },
            {
              header: t('detail'),
              cell: (entry) => {
                const changes = changesOf(entry, t, language);
                return changes.length ? (
                  <ul class="changes">
                    {changes.map((change) => (
                      <li>{change}</li>
                    ))}
                  </ul>
                ) : (
                  ''
                );
              },
            },
          ]}
        />
        {result.cursor ? (
          <p>
            <a href={`${CONSOLE_PATH}/audit?cursor=${encodeURIComponent(result.cursor)}`}>{t('next')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
