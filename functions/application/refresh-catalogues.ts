import type { AuditActor } from '../../contracts/admin-api';
import type { CatalogueRefreshReport, CatalogueRefreshResult } from '../../contracts/catalogues';
import { type CatalogueEntry, type CatalogueKind, catalogueKinds } from '../../contracts/national-catalogues';
import { catalogueChanges } from '../core/catalogue-matching';
import type { AuditLog } from '../ports/audit-log';
import type { CatalogueStore } from '../ports/catalogue-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { NationalPortal } from '../ports/national-portal';

export interface CatalogueRefreshDependencies {
  readonly nationalPortal: NationalPortal;
  readonly catalogues: CatalogueStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * A pull listing fewer entries than this share of the current version is taken as cut short (a
 * paged or truncated answer), not as the portal retiring half its catalogue overnight: an
 * administrator sees it as partial and the current version stays.
 */
export const MINIMUM_SHARE_OF_CURRENT = 0.5;

/**
 * Pulls each national catalogue and keeps it as a new version when it changed (issue 21). A
 * failed pull, one with rows the gateway cannot read, an empty one or one far shorter than the
 * current version is reported and stored nowhere: the last good version stays current.
 */
export async function refreshCatalogues(
  deps: CatalogueRefreshDependencies,
  kinds: readonly CatalogueKind[] = catalogueKinds,
): Promise<CatalogueRefreshReport> {
  const startedAt = deps.clock.now().toISOString();
  const results: CatalogueRefreshResult[] = [];
  // One at a time: the portal's share endpoint is the same one the drift check reads.
  for (const kind of kinds) results.push(await refreshOne(deps, kind));
  return { startedAt, finishedAt: deps.clock.now().toISOString(), results };
}

/** "Refresh now" by an administrator (POST /v1/admin/catalogue-refreshes): the same pulls, audited. */
export async function refreshCataloguesNow(
  deps: CatalogueRefreshDependencies & { readonly audit: AuditLog },
  kinds: readonly CatalogueKind[],
  actor: AuditActor,
): Promise<CatalogueRefreshReport> {
  const report = await refreshCatalogues(deps, kinds);
  await deps.audit.record({
    actor,
    action: 'catalogue.refresh',
    target: kinds.join(','),
    after: report.results.map(({ kind, outcome, version }) => ({
      kind,
      outcome,
      ...(version ? { version } : {}),
    })),
  });
  return report;
}

async function refreshOne(
  deps: CatalogueRefreshDependencies,
  kind: CatalogueKind,
): Promise<CatalogueRefreshResult> {
  try {
    const pulled = await deps.nationalPortal.listCatalogue(kind);
    const current = await deps.catalogues.current(kind);
    const items = firstOfEachCode(pulled.entries);
    const kept = current ? { version: current.version, entries: current.entries } : {};
    const short = current !== undefined && items.length < current.entries * MINIMUM_SHARE_OF_CURRENT;
    if (pulled.unreadableRows > 0 || items.length === 0 || short) {
      deps.logger.warn('catalogue pull incomplete; the current version stays', {
        kind,
        entries: items.length,
        unreadableRows: pulled.unreadableRows,
        currentEntries: current?.entries ?? 0,
      });
      return { kind, outcome: 'partial', ...kept, unreadableRows: pulled.unreadableRows };
    }
    const changes = catalogueChanges(current?.items ?? [], items);
    const at = deps.clock.now().toISOString();
    if (current && changes.added + changes.removed + changes.renamed === 0) {
      await deps.catalogues.markChecked(kind, current.version, at);
      return { kind, outcome: 'unchanged', ...kept, changes };
    }
    const version = (current?.version ?? 0) + 1;
    const saved = await deps.catalogues.saveVersion({
      kind,
      version,
      pulledAt: at,
      checkedAt: at,
      entries: items.length,
      changes,
      items,
    });
    if (!saved) {
      return { kind, outcome: 'failed', ...kept, error: 'another refresh stored a version first' };
    }
    return { kind, outcome: current ? 'updated' : 'first', version, entries: items.length, changes };
  } catch (error) {
    deps.logger.warn('catalogue pull failed; the current version stays', {
      kind,
      error: (error as Error).message,
    });
    const current = await deps.catalogues.current(kind).catch(() => undefined);
    return {
      kind,
      outcome: 'failed',
      ...(current ? { version: current.version, entries: current.entries } : {}),
      error: (error as Error).message,
    };
  }
}

/** A code the portal lists twice is kept once, as first listed. */
function firstOfEachCode(entries: readonly CatalogueEntry[]): CatalogueEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.code) && seen.add(entry.code));
}
