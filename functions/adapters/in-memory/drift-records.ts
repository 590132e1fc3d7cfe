import type { DriftFinding, DriftRunReport } from '../../../contracts/drift-check';
import type { DriftRecords } from '../../ports/drift-records';
import { type InMemoryDossierItems, nationalProgress } from './dossier-items';
import { decodeCursor, encodeCursor } from './page-cursor';

/**
 * Drift records in memory. The rolling sample walks the dossiers' national progress in code
 * order (DynamoDB walks it in its scan order), a bounded number of entries per run, resuming
 * after the last dossier taken and wrapping once.
 */
export function createInMemoryDriftRecords(items: InMemoryDossierItems): DriftRecords {
  const findings = new Map<string, DriftFinding>();
  const runs: DriftRunReport[] = [];
  let resumeAfter: string | undefined;

  return {
    async sampleSyncedDossiers(bounds) {
      const all = nationalProgress(items).sort(([left], [right]) => (left < right ? -1 : 1));
      const after = resumeAfter;
      // From the top, the end is the end of the run; from the middle, the walk wraps once.
      const start = after === undefined ? -1 : all.findIndex(([code]) => code > after);
      const ordered = start < 0 ? all : [...all.slice(start), ...all.slice(0, start)];
      const evaluated = ordered.slice(0, bounds.scanPageSize * bounds.maxScanPages);
      const codes: string[] = [];
      for (const [code, { progress }] of evaluated) {
        if (codes.length >= bounds.sampleSize) break;
        if (progress.nationalSynced && !codes.includes(code)) codes.push(code);
      }
      resumeAfter = codes.at(-1) ?? evaluated.at(-1)?.[0];
      return codes;
    },

    async getFinding(dossierCode) {
      return findings.get(dossierCode);
    },

    async saveFinding(finding) {
      const stored = findings.get(finding.dossierCode);
      if (stored && stored.revision !== finding.revision - 1) return false;
      findings.set(finding.dossierCode, finding);
      return true;
    },

    async listFindings(query) {
      const after = query.cursor ? decodeCursor('finding', query.cursor) : undefined;
      const states = query.states ?? [];
      const matching = [...findings.values()]
        .filter((finding) => after === undefined || finding.dossierCode > after)
        .filter((finding) => states.length === 0 || states.includes(finding.state))
        .sort((left, right) => (left.dossierCode < right.dossierCode ? -1 : 1));
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      return matching.length > query.limit && last
        ? {
            items: page,
            cursor: encodeCursor('finding', last.dossierCode),
          }
        : { items: page };
    },

    async saveRun(report) {
      runs.push(report);
    },

    async listRuns(limit) {
      return [...runs].sort((left, right) => (left.startedAt < right.startedAt ? 1 : -1)).slice(0, limit);
    },
  };
}
