import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, type SynthesizedGateway, synthGateway } from '../support/synth-gateway';

const runbook = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'operator-runbook.md'), 'utf8');
const prefix = 'lien-thong-demo-dev';

/** First cells of the runbook's alarm table: | `id`, `id` | meaning | what to do | */
function documentedAlarmIds(): Set<string> {
  const ids = new Set<string>();
  for (const row of runbook.matchAll(/^\| (`[^|]+`) \| [^|]+ \| [^|]+ \|$/gm)) {
    for (const id of (row[1] ?? '').matchAll(/`([^`]+)`/g)) ids.add(id[1] ?? '');
  }
  return ids;
}

let synthesized: SynthesizedGateway;
// Synthesis bundles every function with esbuild: about 20 s on two idle cores, more beside other
// test files, so this setup gets a budget of its own rather than the suite-wide 30 s.
beforeAll(() => {
  synthesized = synthGateway();
}, 120_000);
afterAll(() => synthesized?.cleanup());

describe('the operator runbook (docs/operator-runbook.md)', () => {
  it('says what every alarm of the stack means and what to do about it', () => {
    const alarmIds = Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => String(alarm.Properties.AlarmName).slice(`${prefix}-`.length),
    );
    expect(alarmIds.length).toBeGreaterThan(10);
    const documented = documentedAlarmIds();
    // Per-function alarms share one row (`errors-<hàm>`); the function must be listed under it.
    const missing = alarmIds.filter((id) => {
      const perFunction = /^(errors|throttles)-(.+)$/.exec(id);
      if (perFunction)
        return !documented.has(`${perFunction[1]}-<hàm>`) || !runbook.includes(`\`${perFunction[2]}\``);
      return !documented.has(id);
    });
    expect(missing).toEqual([]);
  });
}, 180_000);
