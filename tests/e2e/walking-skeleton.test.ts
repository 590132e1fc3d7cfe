import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/start-local-runtime';
import { aDossier } from '../support/fixtures';
import { eventually, startTestRuntime, tokenFor, useTestRuntime } from '../support/test-runtime';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: {
    service: string;
    isUpdating: 'True' | 'False';
    madonvi: string;
    data: { MaHoSo: string; TrangThaiHoSo: string }[];
  };
}

async function receivedAt(runtime: LocalRuntime): Promise<Received[]> {
  return (await (await fetch(`${runtime.urls.nationalPortal}/_sim/received`)).json()) as Received[];
}

function postDossier(
  runtime: LocalRuntime,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${runtime.urls.gateway}/v1/dossiers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('walking skeleton: one dossier end to end through the local runtime', () => {
  const started = useTestRuntime();

  it('accepts a dossier, relays DongBoHoSoMC to the national portal and reports it synced', async () => {
    const dossier = aDossier();
    const response = await postDossier(started.runtime, started.token, dossier);
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { dossierCode: string; messageId: string; state: string };
    expect(accepted).toMatchObject({ dossierCode: dossier.dossierCode, state: 'accepted' });
    expect(accepted.messageId).toMatch(/^[0-9a-f-]{36}$/);

    const delivered = await eventually(async () =>
      (await receivedAt(started.runtime)).find(
        (request) => request.body.data?.[0]?.MaHoSo === dossier.dossierCode,
      ),
    );
    // madonvi and dstcode are the account's constants, not the dossier's agency code, and
    // isUpdating is the string "False" [OCPS DVCQGIntegrationActionImpl syncData, syncDossierAndDossierStatus].
    expect(delivered.path).toBe('/service');
    expect(delivered.headers.dstcode).toBe('DVCQG-H12');
    expect(delivered.body).toMatchObject({
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      madonvi: '000.00.00.H12',
    });
    expect(delivered.body.data[0]?.TrangThaiHoSo).toBe('2');

    const view = await eventually(async () => {
      const lookup = await fetch(`${started.runtime.urls.gateway}/v1/dossiers/${dossier.dossierCode}`, {
        headers: { authorization: `Bearer ${started.token}` },
      });
      const body = (await lookup.json()) as {
        sync: { state: string };
        status: string;
        nationalStatus: string;
        timeline: { outcome: string }[];
      };
      return body.sync.state === 'synced' ? body : undefined;
    });
    expect(view).toMatchObject({ status: 'received', nationalStatus: 'received' });
    expect(view.timeline.map((entry) => entry.outcome)).toEqual(['accepted', 'delivered']);
  });

  it('sends the next version of a dossier as an update', async () => {
    const dossier = aDossier();
    expect((await postDossier(started.runtime, started.token, dossier)).status).toBe(202);
    expect(
      (await postDossier(started.runtime, started.token, { ...dossier, version: 2, status: 'processing' }))
        .status,
    ).toBe(202);
    const sent = await eventually(async () => {
      const mine = (await receivedAt(started.runtime)).filter(
        (request) => request.body.data?.[0]?.MaHoSo === dossier.dossierCode,
      );
      return mine.length === 2 ? mine : undefined;
    });
    expect(sent.map((request) => [request.body.isUpdating, request.body.data[0]?.TrangThaiHoSo])).toEqual([
      ['False', '2'],
      ['True', '4'],
    ]);
  });

  it('answers a repeated request with the original answer and delivers it once', async () => {
    const dossier = aDossier();
    const first = (await (await postDossier(started.runtime, started.token, dossier)).json()) as {
      messageId: string;
    };
    const repeat = await postDossier(started.runtime, started.token, dossier);
    expect(repeat.status).toBe(202);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(((await repeat.json()) as { messageId: string }).messageId).toBe(first.messageId);
    await eventually(async () =>
      (await receivedAt(started.runtime)).some(
        (request) => request.body.data?.[0]?.MaHoSo === dossier.dossierCode,
      )
        ? true
        : undefined,
    );
    // Wait past the point where a duplicate would have arrived (the relay drains in well under a second).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const copies = (await receivedAt(started.runtime)).filter(
      (request) => request.body.data?.[0]?.MaHoSo === dossier.dossierCode,
    );
    expect(copies).toHaveLength(1);
  });

  it('refuses an invalid dossier with every field error, and stores and queues nothing', async () => {
    const dossier = aDossier();
    const { applicant, ...withoutApplicant } = dossier;
    const response = await postDossier(started.runtime, started.token, {
      ...withoutApplicant,
      applicant: { ...applicant, idNumber: '12345', nickname: 'An' },
      channel: 'fax',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { status: number; errors: { path: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      '$.applicant.idNumber',
      '$.applicant.nickname',
      '$.channel',
    ]);

    const lookup = await fetch(`${started.runtime.urls.gateway}/v1/dossiers/${dossier.dossierCode}`, {
      headers: { authorization: `Bearer ${started.token}` },
    });
    expect(lookup.status).toBe(404);
    expect(await started.runtime.deps.store.listMessages('national', dossier.dossierCode)).toEqual([]);
    const attributes = await started.runtime.deps.aws.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: started.runtime.queueUrls.get('to-national.fifo'),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
  });

  it('refuses a dossier of an agency the client may not act for', async () => {
    const response = await postDossier(
      started.runtime,
      started.token,
      aDossier({
        dossierCode: '000.00.12.H56-250314-0001',
        agencyCode: '000.00.12.H56',
        procedureCode: '1.010708.000.00.00.H56',
      }),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('auth.forbidden');
  });

  it('asks for a token on /v1 routes', async () => {
    const response = await fetch(`${started.runtime.urls.gateway}/v1/dossiers/000.00.12.H12-250314-0001`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const forged = await fetch(`${started.runtime.urls.gateway}/v1/dossiers/000.00.12.H12-250314-0001`, {
      headers: { authorization: `Bearer ${started.token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
  });

  it('reports every dependency in /health', async () => {
    const response = await fetch(`${started.runtime.urls.gateway}/health`);
    const health = (await response.json()) as {
      status: string;
      dependencies: { name: string; status: string }[];
    };
    expect(response.status).toBe(200);
    expect(health.status).toBe('up');
    expect(health.dependencies.map((dependency) => dependency.name)).toEqual([
      'dynamodb',
      'sqs:to-national.fifo',
      'sqs:to-province.fifo',
      'national-portal',
    ]);
  });
});

describe('restart: DynamoDB is the source of truth', () => {
  it('delivers, after a restart, what was accepted while the portal was down', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lien-thong-'));
    try {
      const first = await startTestRuntime(dataDir);
      const token = await tokenFor(first);
      await fetch(`${first.urls.nationalPortal}/_sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ down: true }),
      });
      const dossier = aDossier();
      expect((await postDossier(first, token, dossier)).status).toBe(202);
      await first.stop();

      const second = await startTestRuntime(dataDir);
      try {
        const delivered = await eventually(async () =>
          (await receivedAt(second)).find(
            (request) => request.body.data?.[0]?.MaHoSo === dossier.dossierCode,
          ),
        );
        expect(delivered.body.service).toBe('DongBoHoSoMC');
        // The token signed before the restart is still valid: the key persisted with the data.
        const lookup = await fetch(`${second.urls.gateway}/v1/dossiers/${dossier.dossierCode}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(lookup.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
