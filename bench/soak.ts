import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSoak } from './soak-run';

/** `npm run soak`: the long chaos run. SOAK_DOSSIERS etc. shrink or grow it. */
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const dossiers = number('SOAK_DOSSIERS', 2000);
const options = {
  dossiers,
  payments: number('SOAK_PAYMENTS', Math.min(500, dossiers)),
  pushes: number('SOAK_PUSHES', Math.ceil(dossiers / 4)),
  feedback: number('SOAK_FEEDBACK', Math.ceil(dossiers / 10)),
  concurrency: number('SOAK_CONCURRENCY', 16),
  repeatShare: number('SOAK_REPEAT_SHARE', 0.1),
  kills: number('SOAK_KILLS', 2),
  outageSeconds: number('SOAK_OUTAGE_SECONDS', 60),
  drainTimeoutSeconds: number('SOAK_DRAIN_SECONDS', 900),
};
const report = await runSoak({ ...options, log: (line) => console.log(`[soak] ${line}`) });
console.log('\nAt each simulator:');
console.table({
  'national portal': report.nationalPortal,
  'provincial system': report.province,
});
console.table({ 'payment platform': report.paymentPlatform });
const { nationalPortal, province, paymentPlatform, ...totals } = report;
console.table({ totals });
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'soak.json'),
  `${JSON.stringify({ at: new Date().toISOString(), options, ...report }, null, 2)}\n`,
);
const broken = report.lost > 0 || report.duplicatedAtReceiver > 0 || report.outOfOrder > 0;
console.log(
  broken
    ? 'SOAK FAILED: a guarantee was broken'
    : 'soak passed: nothing lost, nothing duplicated, order held, nobody charged twice',
);
process.exit(broken ? 1 : 0);
