import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { requestToken } from '../infra/local/demo-client';
import { aDossier } from '../infra/local/demo-dossier';
import { startMeasurementRuntime } from './measurement-runtime';

/**
 * The load to profile, in one process with the emulators (issue 10: find where the time goes):
 *   node --import tsx bench/profile.ts ingest|relay
 *   node --import tsx bench/profile-summary.ts bench/.profiles/<mode>-<time>.cpuprofile
 * `ingest` posts dossiers at 16 connections with the relays stopped; `relay` accepts a backlog
 * with the relays stopped, then drains it against a portal answering in 50 ms as the bench's
 * does. Only the measured load is profiled (the inspector starts after the runtime is up), so
 * module loading and start-up do not crowd the profile (issue 24).
 */
const mode = process.argv[2] === 'relay' ? 'relay' : 'ingest';
const seconds = Number(process.env.PROFILE_SECONDS ?? 8);
const runtime = await startMeasurementRuntime();
const token = await requestToken(runtime.urls.gateway, 'demo-province', 'demo-secret');
for (const poller of runtime.pollers.values()) await poller.stop();

let counter = 0;
const post = () => {
  counter += 1;
  const code = `000.00.12.H12-250314-${String(counter % 10_000).padStart(4, '0')}`;
  return fetch(`${runtime.urls.gateway}/v1/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(aDossier({ dossierCode: code })),
  }).then((response) => response.arrayBuffer());
};
const profiler = new Session();
profiler.connect();
await profiler.post('Profiler.enable');
const profiled = async (load: () => Promise<void>) => {
  await profiler.post('Profiler.start');
  await load();
  const { profile } = await profiler.post('Profiler.stop');
  const directory = join(import.meta.dirname, '.profiles');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${mode}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile written to ${file}`);
};
const deadline = Date.now() + seconds * 1000;
const ingest = async () => {
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < deadline) await post();
    }),
  );
  console.log(`accepted ${counter} dossiers in ${seconds} s`);
};
if (mode === 'ingest') await profiled(ingest);
else {
  await ingest();
  await fetch(`${runtime.urls.nationalPortal}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 50 }),
  });
  await profiled(async () => {
    const started = performance.now();
    for (const poller of runtime.pollers.values()) poller.start();
    const drainDeadline = Date.now() + 300_000;
    while (Date.now() < drainDeadline && (await runtime.deps.store.oldestPendingSince())) {
      await new Promise((done) => setTimeout(done, 100));
    }
    console.log(`drained ${counter} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
await runtime.stop();
