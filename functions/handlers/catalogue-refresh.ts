import { type CatalogueRefreshDependencies, refreshCatalogues } from '../application/refresh-catalogues';
import { loadAwsWorkerDependencies } from '../wiring/aws';
import { lazyHandler } from './lazy-handler';
import { recordScheduleRuns } from './record-schedule-runs';

/** Scheduled, daily: pull the national catalogues and keep a new version of each that changed. */
export function createCatalogueRefreshHandler(deps: CatalogueRefreshDependencies) {
  return () => refreshCatalogues(deps);
}

export const handler = lazyHandler(async () => {
  const deps = await loadAwsWorkerDependencies();
  return recordScheduleRuns(deps, 'catalogue-refresh', createCatalogueRefreshHandler(deps));
});
