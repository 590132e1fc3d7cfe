import { type CatalogueRefreshDependencies, refreshCatalogues } from '../application/refresh-catalogues';
import { loadAwsDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** Scheduled, daily: pull the national catalogues and keep a new version of each that changed. */
export function createCatalogueRefreshHandler(deps: CatalogueRefreshDependencies) {
  return () => refreshCatalogues(deps);
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsDependencies();
  return recordScheduleRuns(deps, 'catalogue-refresh', createCatalogueRefreshHandler(deps));
});
