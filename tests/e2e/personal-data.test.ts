import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNationalDossier } from '../../functions/core/translate-dossier';
import { pushNational } from '../../infra/local/demo-client';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/start-local-runtime';
import { captureOutput } from '../support/captured-output';
import { aDossier } from '../support/fixtures';
import { aStatusChange } from '../support/national-fixtures';
import {
  aPaymentRequest,
  clientOf,
  createdPayment,
  payAtSimulator,
  provincePaymentEvents,
  referenceOfPayment,
} from '../support/payments';
import { nationalTimeline, received, setFaults } from '../support/receiver';
import { eventually, tokenFor } from '../support/test-runtime';

/**
 * Nothing personal reaches a log line or an error body (SECURITY.md, "Personal data"): a whole
 * flow runs with logging at DEBUG while every byte written to stdout and stderr is captured, and
 * the capture is searched for the citizen's and the officers' data.
 */
const citizen = {
  name: 'Trần Thị Cúc',
  idNumber: '079203012345',
  phone: '0987654321',
  email: 'tran.thi.cuc@example.vn',
  address: 'Số 9 Lý Thái Tổ, Hoàn Kiếm',
};
const officer = 'Lê Văn Dũng';
const personalValues = [...Object.values(citizen), officer];

let runtime: LocalRuntime;
let output: ReturnType<typeof captureOutput>;
const problemBodies: string[] = [];

beforeAll(async () => {
  output = captureOutput();
  runtime = await startLocalRuntime({
    ports: { gateway: 0, nationalPortal: 0, province: 0, payment: 0, dynamodb: 0, sqs: 0 },
    dataDir: null,
    logLevel: 'DEBUG',
    schedules: false,
    retryPolicy: { baseSeconds: 1, capSeconds: 2 },
  });
}, 30_000);
afterAll(async () => {
  await runtime?.stop();
  output.restore();
});

describe('personal data', () => {
  it('never appears in any log line through a whole flow, failures and careless log calls included', async () => {
    const token = await tokenFor(runtime);
    const post = (path: string, body: unknown) =>
      fetch(`${runtime.urls.gateway}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Province -> national: a dossier and a status change by a named officer.
    const dossier = aDossier({ applicant: { type: 'citizen', ...citizen } });
    expect((await post('/v1/dossiers', dossier)).status).toBe(202);
    const change = {
      ...aStatusChange(`${dossier.dossierCode}-e1`, 'processing', 10),
      handledBy: { name: officer },
    };
    expect((await post(`/v1/dossiers/${dossier.dossierCode}/status`, change)).status).toBe(202);
    await eventually(async () =>
      (await nationalTimeline(runtime.urls.nationalPortal, dossier.dossierCode)).length >= 2
        ? true
        : undefined,
    );

    // A rejection by the portal parks the next version: the failure is logged.
    await setFaults(runtime.urls.nationalPortal, { reject: true });
    expect((await post('/v1/dossiers', { ...dossier, version: 2, status: 'processing' })).status).toBe(202);
    await eventually(async () => {
      const messages = await runtime.deps.store.listMessages('national', dossier.dossierCode);
      return messages.some((message) => message.state === 'parked') ? true : undefined;
    });
    await setFaults(runtime.urls.nationalPortal, {});

    // National -> province: an online dossier with the national field names, and a status change.
    const nationalToken = await tokenFor(runtime, 'demo-national', 'demo-national-password');
    const online = {
      ...toNationalDossier(
        aDossier({ channel: 'online', status: 'submitted', applicant: { type: 'citizen', ...citizen } }),
      ),
      DinhDanhCHS: [{ LoaiDinhDanh: '1' as const, SoDinhDanh: citizen.idNumber }],
    };
    expect(
      (await pushNational(runtime.urls.gateway, '/v1/national/dossiers', online, nationalToken)).status,
    ).toBe(202);
    const row = { MaHoSo: online.MaHoSo, NguoiXuLy: officer, ThoiDiemXuLy: '20250314091000', TrangThai: '2' };
    expect((await pushNational(runtime.urls.gateway, '/v1/national/status', row, nationalToken)).status).toBe(
      202,
    );
    await eventually(async () => {
      const hooks = (await received<{ data: { dossierCode: string } }>(runtime.urls.province)).filter(
        (hook) => hook.body.data.dossierCode === online.MaHoSo,
      );
      return hooks.length >= 2 ? true : undefined;
    });

    // A payment for the dossier, by the citizen as payer, paid on the platform (callback and relay).
    const created = await createdPayment(
      await post(
        '/v1/payments',
        aPaymentRequest(dossier.dossierCode, {
          payer: { name: citizen.name, idNumber: citizen.idNumber, address: citizen.address },
        }),
      ),
    );
    const reference = await referenceOfPayment(clientOf(runtime, token), created.paymentId);
    await payAtSimulator(runtime, reference, 'paid');
    await eventually(async () =>
      (await provincePaymentEvents(runtime, created.paymentId)).length > 0 ? true : undefined,
    );

    // A future call site that logs carelessly is still masked: the logger masks, not the caller.
    runtime.deps.logger.error(`lookup failed for ${citizen.idNumber} (${citizen.email})`, {
      applicant: dossier.applicant,
      national: online,
      error: new Error(`cannot reach ${citizen.phone}`),
    });

    const text = output.text();
    const lines = output.lines();
    // The capture is real: the flow's own log lines are in it.
    expect(
      lines.some((line) => line.includes('"message":"delivered"') && line.includes(dossier.dossierCode)),
    ).toBe(true);
    expect(lines.some((line) => line.includes('message parked'))).toBe(true);
    expect(lines.some((line) => line.includes('payment callback acknowledged'))).toBe(true);
    expect(lines.some((line) => line.includes('lookup failed for ***345'))).toBe(true);
    for (const value of personalValues) expect(text, value).not.toContain(value);
  }, 90_000);

  it('never echoes a personal value in a problem body, wherever the value was put', async () => {
    const token = await tokenFor(runtime);
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${runtime.urls.gateway}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const text = await response.text();
      problemBodies.push(text);
      return text;
    };
    const valid = aDossier({ applicant: { type: 'citizen', ...citizen } });
    // Invalid values that contain the personal ones, so an echo of the input would show them.
    await post('/v1/dossiers', {
      ...valid,
      applicant: {
        type: 'citizen',
        name: citizen.name.repeat(20),
        idNumber: `${citizen.idNumber}X`,
        phone: `${citizen.phone}-ext`,
        email: `${citizen.email} `,
        address: citizen.address,
      },
    });
    // Personal values as unknown keys, as the status, as the dossier code.
    await post('/v1/dossiers', { ...valid, [citizen.idNumber]: citizen.name, [citizen.email]: 1 });
    await post('/v1/dossiers', { ...valid, status: citizen.phone });
    await post(`/v1/dossiers/${citizen.idNumber}/status`, aStatusChange('e', 'processing', 1));
    await post(
      `/v1/dossiers/${encodeURIComponent(citizen.email)}/status`,
      aStatusChange('e', 'processing', 1),
    );
    const unknownRoute = await fetch(
      `${runtime.urls.gateway}/v1/citizens/${citizen.idNumber}/${citizen.phone}`,
    );
    problemBodies.push(await unknownRoute.text());

    expect(problemBodies).toHaveLength(6);
    for (const body of problemBodies) {
      for (const value of [citizen.idNumber, citizen.phone, citizen.email, citizen.name]) {
        expect(body, body).not.toContain(value);
      }
    }
    // Still useful: the field paths say what to fix.
    expect(problemBodies[0]).toContain('$.applicant.idNumber');
  });
});
