import type { DeadlineWatch, WatchedDossier } from '../../ports/deadline-watch';
import { watchedDossierOf } from '../watched-dossier';
import { type InMemoryDossierItems, nationalProgress, progressOf, writeProgress } from './dossier-items';

/**
 * The deadline watch in memory: the national progress entries the dossier store marked as
 * watched (recordDelivery's watchDeadline), the same filter as the DynamoDB list.
 */
export function createInMemoryDeadlineWatch(items: InMemoryDossierItems): DeadlineWatch {
  return {
    async listNeedingNotice({ now, until, limit }) {
      const watched: WatchedDossier[] = [];
      for (const [dossierCode, { progress, watchedDueAt }] of nationalProgress(items)) {
        if (watchedDueAt === undefined || watchedDueAt > until) continue;
        const entry = watchedDossierOf(dossierCode, progress);
        // Told it is due soon: off the list until that date has passed.
        if (!entry || (entry.dueSoonNoticeFor === entry.dueAt && entry.dueAt >= now)) continue;
        watched.push(entry);
      }
      return watched.sort((left, right) => left.dueAt.localeCompare(right.dueAt)).slice(0, limit);
    },

    async recordNotice(dossierCode, threshold, dueAt) {
      const current = progressOf(items, 'national', dossierCode);
      // The relay moved the promised date meanwhile: the new date starts its own notices.
      if (current.progress.tracked?.dueAt !== dueAt) return;
      if (threshold === 'overdue') {
        writeProgress(items, 'national', dossierCode, {
          progress: { ...current.progress, overdueNoticeFor: dueAt },
        });
      } else {
        writeProgress(items, 'national', dossierCode, {
          ...current,
          progress: { ...current.progress, dueSoonNoticeFor: dueAt },
        });
      }
    },
  };
}
