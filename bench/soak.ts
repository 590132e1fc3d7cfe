import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSoak } from './soak-run';

/** `npm run soak`: the long chaos run. SOAK_DOSSIERS etc. shrink or grow it. */
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const report = await runSoak({
  dossiers: number('SOAK_DOSSIERS', 2000),
  concurrency: number('SOAK_CONCURRENCY', 16),
  repeatShare: number('SOAK_REPEAT_SHARE', 0.1),
  kills: number('SOAK_KILLS', 2),
  outageSeconds: number('SOAK_OUTAGE_SECONDS', 60),
  drainTimeoutSeconds: number('SOAK_DRAIN_SECONDS', 900),
  log: (line) => console.log(`[soak] ${line}`),
});
console.table(report);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'soak.json'),
  `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`,
);
const broken = report.lost > 0 || report.duplicatedAtReceiver > 0 || report.outOfOrder > 0;
console.log(
  broken
    ? 'SOAK FAILED: a guarantee was broken'
    : 'soak passed: nothing lost, nothing duplicated, order held',
);
process.exit(broken ? 1 : 0);
