import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  costPerMillionDossiers,
  dossierProfile,
  fixedMonthlyCost,
  renderCostTables,
  totalCost,
  unitPrices,
} from '../../../infra/aws/cost-model';
import type { GatewaySpec } from '../../../infra/aws/gateway-stack';
import { type FunctionSpec, topology } from '../../../infra/topology';

const lineNamed = (lines: ReturnType<typeof costPerMillionDossiers>, item: string) => {
  const found = lines.find((entry) => entry.item === item);
  if (!found) throw new Error(`no cost line ${item}`);
  return found;
};

describe('the cost model', () => {
  it('prices every line as quantity times unit price, and totals the lines', () => {
    const lines = [...costPerMillionDossiers(), ...fixedMonthlyCost()];
    for (const entry of lines) {
      expect(entry.quantity).toBeGreaterThan(0);
      expect(entry.cost).toBeCloseTo(entry.quantity * entry.unitPrice, 10);
    }
    expect(totalCost(lines)).toBeCloseTo(
      lines.reduce((sum, entry) => sum + entry.cost, 0),
      10,
    );
  });

  it('counts one API request per message and per lookup', () => {
    const requests = lineNamed(costPerMillionDossiers(), 'API Gateway HTTP API requests');
    expect(requests.quantity).toBe(
      1e6 * (dossierProfile.messagesPerDossier + dossierProfile.lookupsPerDossier),
    );
    expect(requests.cost).toBeCloseTo(requests.quantity * unitPrices.httpApiRequest, 10);
  });

  it('takes function memory from the topology', () => {
    const doubled: GatewaySpec = {
      ...topology,
      functions: topology.functions.map((fn) => ({ ...fn, memoryMb: fn.memoryMb * 2 })),
    };
    const compute = (spec: GatewaySpec) =>
      lineNamed(costPerMillionDossiers(spec), 'Lambda compute (arm64)').cost;
    expect(compute(doubled)).toBeCloseTo(2 * compute(topology), 10);
  });

  it('charges every queue a message passes through', () => {
    const [queue] = topology.queues;
    const relay = topology.functions.find((fn) => fn.trigger.kind === 'queue') as FunctionSpec;
    const functions: FunctionSpec[] = [
      ...(topology.functions as readonly FunctionSpec[]).map(
        (fn): FunctionSpec =>
          fn.trigger.kind === 'http'
            ? { ...fn, access: { ...fn.access, sendsTo: [...(fn.access.sendsTo ?? []), 'to-archive.fifo'] } }
            : fn,
      ),
      {
        ...relay,
        name: 'archive-relay',
        trigger: { kind: 'queue', queue: 'to-archive.fifo', batchSize: 10, maxConcurrency: 2 },
        access: { consumes: ['to-archive.fifo'] },
      },
    ];
    const secondHop: GatewaySpec = {
      ...topology,
      queues: [...topology.queues, { ...queue, name: 'to-archive.fifo' }],
      functions,
    };
    const sqs = (spec: GatewaySpec) => lineNamed(costPerMillionDossiers(spec), 'SQS FIFO requests').quantity;
    expect(sqs(secondHop)).toBe((sqs(topology) * (topology.queues.length + 1)) / topology.queues.length);
  });

  it('derives the fixed costs from the schedules and alarms the topology implies', () => {
    const fixed = fixedMonthlyCost();
    const runsPerMonth = (topology.functions as readonly FunctionSpec[]).reduce(
      (sum, fn) => sum + (fn.trigger.kind === 'schedule' ? (30 * 24 * 3600) / fn.trigger.everySeconds : 0),
      0,
    );
    expect(lineNamed(fixed, 'EventBridge Scheduler runs').quantity).toBe(runsPerMonth);
    // Errors and throttles of each function among them (the console's, ADR 17; the feedback pull's, issue 23).
    expect(lineNamed(fixed, 'CloudWatch alarm metrics').quantity).toBe(37);
    // 720 hourly runs, each evaluating 2,000 items of 2 KB: 4 MB, 500 read units.
    expect(lineNamed(fixed, 'DynamoDB reads (drift-check scans)').quantity).toBe(720 * 500);
  });

  it('is what the deployment guide shows (docs/deploy-aws.md)', () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../../docs/deploy-aws.md'), 'utf8');
    expect(
      guide.includes(renderCostTables()),
      `docs/deploy-aws.md's cost tables differ from infra/aws/cost-model.ts; paste this into "What it costs":\n\n${renderCostTables()}\n`,
    ).toBe(true);
  });
});
