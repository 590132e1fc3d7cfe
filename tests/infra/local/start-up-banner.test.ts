import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNationalPushSecret, demoWebhookSecret } from '../../../infra/local/demo-credentials';
import { PROVINCE_WEBHOOK_PATH } from '../../../infra/simulators/province-simulator';

const root = join(import.meta.dirname, '..', '..', '..');
let child: ChildProcess;
let banner = '';

/** `npm start` as a vendor runs it (infra/local/main.ts), on free ports and in memory. */
beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      GATEWAY_IN_MEMORY: '1',
      LOG_LEVEL: 'SILENT',
      ...Object.fromEntries(
        [
          'GATEWAY_PORT',
          'NATIONAL_SIM_PORT',
          'PAYMENT_SIM_PORT',
          'PROVINCE_SIM_PORT',
          'DYNAMODB_PORT',
          'SQS_PORT',
        ].map((name) => [name, '0']),
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the local runtime exited with ${code} before printing its banner:\n${banner}`);
  });
  const printed = new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      if (banner.includes('Ctrl-C stops everything')) resolve();
    });
  });
  await Promise.race([printed, exited]);
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGINT');
    await once(child, 'exit');
  }
}, 30_000);

describe('the start-up banner of npm start', () => {
  it("prints the demo webhook secret and where the provincial simulator receives the gateway's webhooks", () => {
    const provinceUrl = /Provincial system \(sim\)\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(provinceUrl).toBeDefined();
    expect(banner).toContain(`receives webhooks at   ${provinceUrl}${PROVINCE_WEBHOOK_PATH}`);
    expect(banner).toContain(demoWebhookSecret);
  });

  it('prints the national push secret with the command that signs a push by hand', () => {
    expect(banner).toMatch(new RegExp(`${demoNationalPushSecret}.*npm run push:national`));
  });
});
