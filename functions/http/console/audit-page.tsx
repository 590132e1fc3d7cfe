import type { Context } from 'hono';
import * as z from 'zod';
import { dossierStatuses } from '../../../contracts/dossier-status';
import { driftFindingStates } from '../../../contracts/drift-check';
import { auditEntryFor, describeActor } from '../../application/audit-actor';
import { maskPersonalData } from '../../core/mask-personal-data';
import { type AuditEntry, type AuditFilter, auditActions } from '../../ports/audit-log';
import type { ApiDependencies } from '../api-dependencies';
import { CSV_CONTENT_TYPE, csvText, freeTextCsvCell } from '../spreadsheet-files';
import { CONSOLE_PAGE_SIZE, CONSOLE_PATH, type ConsoleApp, type ConsoleEnv } from './console-env';
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
import { FilterSelect } from './filter-select';
import { NextPageLink } from './next-page-link';
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

/** The most entries one export holds; a longer period is exported a filter at a time. */
const MAX_EXPORT_ROWS = 10_000;

const filterSchema = z.object({
  actor: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined),
  action: z
    .enum(auditActions)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

function filterOf(c: Context<ConsoleEnv>): AuditFilter {
  const parsed = filterSchema.safeParse({ actor: c.req.query('actor'), action: c.req.query('action') });
  if (!parsed.success) return {};
  return {
    ...(parsed.data.actor ? { actor: parsed.data.actor } : {}),
    ...(parsed.data.action ? { action: parsed.data.action } : {}),
  };
}

const csvRow = (entry: AuditEntry) => [
  entry.at,
  entry.actor.type,
  entry.actor.type === 'person' ? entry.actor.subject : '',
  describeActor(entry.actor),
  entry.action,
  entry.target,
  entry.reason ?? '',
  JSON.stringify({ before: entry.before, after: entry.after }),
];

/**
 * `${CONSOLE_PATH}/audit`: every action and sign-in, newest first, naming the person (or the
 * API client); filtered by person and action, and exported as .csv with the same filter.
 */
export function registerAuditPage(console: ConsoleApp, deps: ApiDependencies, session: ConsoleSession) {
  console.get('/audit', session, async (c) => {
    const language = c.var.language;
    const t = translator(language);
    const cursor = c.req.query('cursor');
    const filter = filterOf(c);
    const result = await deps.audit.list({ limit: CONSOLE_PAGE_SIZE, filter, ...(cursor ? { cursor } : {}) });
    const page = pageFrame(c, 'audit', t('audit'));
    return c.html(
      <Layout {...page}>
        <form method="get" action={`${CONSOLE_PATH}/audit`} class="filters">
          <label>
            {t('actor')}
            <input name="actor" value={filter.actor ?? ''} placeholder="operator@demo" />
          </label>
          <FilterSelect
            label={t('action')}
            name="action"
            all={t('all')}
            values={auditActions}
            text={(action) => auditActionName(action, language)}
            selected={filter.action}
          />
          <button type="submit">{t('filter')}</button>
          <a href={`${CONSOLE_PATH}/audit.csv?${new URLSearchParams({ ...filter }).toString()}`} download>
            {t('exportCsv')}
          </a>
        </form>
        <DataTable
          rows={result.items.map((entry) => auditEntryFor(c.var.admin, entry))}
          columns={[
            { header: t('at'), cell: (entry) => formatVietnamTime(entry.at) },
            { header: t('actor'), cell: (entry) => describeActor(entry.actor) },
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
        <NextPageLink path={`${CONSOLE_PATH}/audit`} query={{ ...filter }} cursor={result.cursor} t={t} />
      </Layout>,
    );
  });

  console.get('/audit.csv', session, async (c) => {
    const filter = filterOf(c);
    const rows: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.audit.list({ limit: 500, filter, ...(cursor ? { cursor } : {}) });
      rows.push(...page.items.map((entry) => csvRow(auditEntryFor(c.var.admin, entry))));
      cursor = page.cursor;
    } while (cursor && rows.length < MAX_EXPORT_ROWS);
    const header = [
      'Thời điểm (UTC) / At',
      'Loại / Actor type',
      'Định danh / Subject',
      'Người thực hiện / Actor',
      'Thao tác / Action',
      'Đối tượng / Target',
      'Lý do / Reason',
      'Chi tiết / Detail',
    ];
    return c.body(csvText([header, ...rows.slice(0, MAX_EXPORT_ROWS)], freeTextCsvCell), 200, {
      'content-type': CSV_CONTENT_TYPE,
      'content-disposition': 'attachment; filename="nhat-ky-thao-tac.csv"',
    });
  });
}
