import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEventSchema } from '../../../../contracts/webhooks';
import { createStandardWebhookSender } from '../../../../functions/adapters/standard-webhook-sender';
import { classifyFailure, defaultRetryPolicy } from '../../../../functions/core/retry-policy';
import { WEBHOOK_ATTEMPTS } from '../../../../functions/http/platform/webhook-docs';
import { demoWebhookSecret } from '../../../../infra/local/demo-credentials';
import type { LocalRuntime } from '../../../../infra/local/start-local-runtime';
import { topology } from '../../../../infra/topology';
import { aStatusChangedEvent } from '../../../support/fixtures';
import { startTestRuntime } from '../../../support/test-runtime';

let runtime: LocalRuntime;
let document: OpenAPIV3_1.Document;
/** A provincial endpoint that answers each request with the status named in its path. */
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  document = (await (await fetch(`${runtime.urls.gateway}/openapi.json`)).json()) as OpenAPIV3_1.Document;
  receiver = createServer((request, response) => {
    request.resume();
    response.writeHead(Number(request.url?.split('/').pop())).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await runtime?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

type Webhook = OpenAPIV3_1.OperationObject & { requestBody: OpenAPIV3_1.RequestBodyObject };
const webhookOf = (type: string) =>
  (document.webhooks?.[type] as OpenAPIV3_1.PathItemObject)?.post as Webhook;
const eventTypes = webhookEventSchema.options.map((option) => option.shape.type.value);

describe('the webhooks section of /openapi.json', () => {
  it('documents every event type the gateway sends, and nothing else, in a valid OpenAPI 3.1 document', async () => {
    expect(eventTypes.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual([...eventTypes].sort());
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it.each(eventTypes)(
    'gives %s its payload schema, keyed by its type, and the three signature headers',
    (type) => {
      const webhook = webhookOf(type);
      const schema = webhook.requestBody.content['application/json']?.schema as OpenAPIV3_1.SchemaObject;
      expect(schema.required).toEqual(expect.arrayContaining(['id', 'type', 'createdAt', 'data']));
      const typeProperty = schema.properties?.type as OpenAPIV3_1.SchemaObject;
      expect(typeProperty.const ?? typeProperty.enum?.[0]).toBe(type);
      expect(schema.properties?.data).toBeDefined();
      const headers = (webhook.parameters as OpenAPIV3_1.ParameterObject[])
        .filter((parameter) => parameter.in === 'header' && parameter.required)
        .map((parameter) => parameter.name);
      expect(headers).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    },
  );

  it('states the retry bounds the gateway runs with (topology retry policy and the province queue)', () => {
    const provinceQueue = topology.queues.find((queue) => queue.name === 'to-province.fifo');
    expect(provinceQueue?.maxReceiveCount).toBe(WEBHOOK_ATTEMPTS);
    expect(topology.retry).toEqual(defaultRetryPolicy);
    const description = webhookOf('dossier.status_changed').description ?? '';
    expect(description).toContain(`up to ${WEBHOOK_ATTEMPTS} attempts`);
    expect(description).toContain(
      `(${defaultRetryPolicy.baseSeconds} s doubling, at most ${defaultRetryPolicy.capSeconds / 60} min between attempts`,
    );
  });

  it('says which answers are retried and which park the message exactly as the sender decides', async () => {
    const sender = createStandardWebhookSender({
      secrets: () => [demoWebhookSecret],
      timeoutMs: 5_000,
      allowLoopbackHttp: true,
    });
    const event = webhookEventSchema.parse(aStatusChangedEvent('evt_docs'));
    const responses = webhookOf('dossier.status_changed').responses ?? {};
    // Each documented answer, and a representative status of each documented range.
    const samples: Record<string, number[]> = {
      '2XX': [200, 202, 204],
      '408': [408],
      '409': [409],
      '425': [425],
      '429': [429],
      '4XX': [400, 401, 403, 404, 410, 422],
      '5XX': [500, 502, 503],
    };
    expect(Object.keys(responses).sort()).toEqual(Object.keys(samples).sort());
    for (const [key, statuses] of Object.entries(samples)) {
      const documented = (responses[key] as OpenAPIV3_1.ResponseObject).description;
      const expected = key === '2XX' ? 'delivered' : /^Retried/.test(documented) ? 'retried' : 'parked';
      if (expected === 'parked') expect(documented).toMatch(/parked/);
      for (const status of statuses) {
        const outcome = await sender
          .send(
            { clientId: 'demo-province', agencies: ['*.H12'], webhookUrl: `${receiverUrl}/${status}` },
            event,
          )
          .then(
            () => 'delivered',
            (error: Error) => (classifyFailure(error).retry ? 'retried' : 'parked'),
          );
        expect({ status, outcome }).toEqual({ status, outcome: expected });
      }
    }
  });
});
