import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewaySpec } from '../../../infra/aws/gateway-stack';
import { type FunctionSpec, type QueueSpec, queueUrlVariable, topology } from '../../../infra/topology';
import {
  findResource,
  resourcesOfType,
  type SynthesizedGateway,
  synthGateway,
} from '../../support/synth-gateway';

/**
 * What another engineer's change to topology.ts looks like: a second flow (a queue, its DLQ,
 * the function that consumes it) and a second schedule. The stack must grow by exactly that,
 * with no change to infra/aws.
 */
const toProvince: QueueSpec = {
  name: 'to-archive.fifo',
  fifo: true,
  visibilityTimeoutSeconds: 90,
  maxReceiveCount: 5,
  retentionDays: 7,
  deadLetterQueue: 'to-archive-dlq.fifo',
};
const provinceRelay: FunctionSpec = {
  name: 'archive-relay',
  entry: 'functions/handlers/national-relay.ts',
  memoryMb: 384,
  timeoutSeconds: 60,
  bundleBudgetKb: 400,
  trigger: { kind: 'queue', queue: toProvince.name, batchSize: 5, maxConcurrency: 2 },
  access: { tables: [{ table: 'gateway', mode: 'read' }], consumes: [toProvince.name], readsSecrets: true },
};
const reconciler: FunctionSpec = {
  name: 'payment-reconciler',
  entry: 'functions/handlers/outbox-sweeper.ts',
  memoryMb: 256,
  timeoutSeconds: 300,
  bundleBudgetKb: 400,
  trigger: { kind: 'schedule', everySeconds: 3600 },
  access: { tables: [{ table: 'gateway', mode: 'read-write' }], sendsTo: [toProvince.name] },
};
const grown: GatewaySpec = {
  ...topology,
  queues: [...topology.queues, toProvince],
  deadLetterQueues: [
    ...topology.deadLetterQueues,
    { name: toProvince.deadLetterQueue, fifo: true, visibilityTimeoutSeconds: 60, retentionDays: 14 },
  ],
  functions: [...topology.functions, provinceRelay, reconciler],
};

let synthesized: SynthesizedGateway;
beforeAll(() => {
  synthesized = synthGateway({ spec: grown });
});
afterAll(() => synthesized.cleanup());

const prefix = 'lien-thong-demo-dev';

describe('a topology that grows', () => {
  it('gets a function, a log group and a role for each new function', () => {
    const names = Object.values(resourcesOfType(synthesized.template, 'AWS::Lambda::Function')).map(
      (resource) => resource.Properties.FunctionName,
    );
    expect(names.sort()).toEqual(grown.functions.map((fn) => `${prefix}-${fn.name}`).sort());
  });

  it('gets the new queue and its dead-letter queue, wired together', () => {
    synthesized.template.resourceCountIs(
      'AWS::SQS::Queue',
      grown.queues.length + grown.deadLetterQueues.length,
    );
    synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${prefix}-${toProvince.name}`,
      VisibilityTimeout: 90,
      MessageRetentionPeriod: 7 * 86_400,
      RedrivePolicy: { maxReceiveCount: 5 },
    });
  });

  it('maps the new consumer to its queue with its own batch size and concurrency', () => {
    const existing = topology.functions.filter((fn) => fn.trigger.kind === 'queue').length;
    synthesized.template.resourceCountIs('AWS::Lambda::EventSourceMapping', existing + 1);
    synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('schedules the new scheduled function at its rate', () => {
    const existing = topology.functions.filter((fn) => fn.trigger.kind === 'schedule').length;
    synthesized.template.resourceCountIs('AWS::Scheduler::Schedule', existing + 1);
    synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
    });
  });

  it('tells the new functions where their queues are, and only those', () => {
    const { properties } = findResource(
      synthesized.template,
      'AWS::Lambda::Function',
      (candidate) => candidate.FunctionName === `${prefix}-${reconciler.name}`,
    );
    const variables = (properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toContain(queueUrlVariable(toProvince.name));
    expect(Object.keys(variables)).not.toContain(queueUrlVariable('to-national.fifo'));
  });

  it('alarms on the new dead-letter queue, and on the new functions', () => {
    const alarmNames = Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmName,
    );
    expect(alarmNames).toEqual(
      expect.arrayContaining([
        `${prefix}-dlq-depth-${toProvince.deadLetterQueue}`,
        `${prefix}-age-${toProvince.name}`,
        `${prefix}-errors-${provinceRelay.name}`,
        `${prefix}-throttles-${reconciler.name}`,
      ]),
    );
  });
});

describe('a topology that contradicts itself', () => {
  it('fails the synth when a queue-triggered function does not declare that it consumes the queue', () => {
    const undeclared: GatewaySpec = {
      ...grown,
      functions: [
        ...topology.functions,
        { ...provinceRelay, access: { tables: provinceRelay.access.tables } },
      ],
    };
    expect(() => synthGateway({ spec: undeclared })).toThrow(
      /archive-relay is triggered by to-archive.fifo but its access does not consume it/,
    );
  });

  it('fails the synth when a queue names a dead-letter queue the topology lacks', () => {
    const orphan: GatewaySpec = { ...grown, deadLetterQueues: topology.deadLetterQueues };
    expect(() => synthGateway({ spec: orphan })).toThrow(/to-archive-dlq.fifo, which the topology lacks/);
  });

  it('fails the synth when a function names a queue the topology lacks', () => {
    const unknown: GatewaySpec = {
      ...topology,
      functions: [...topology.functions, { ...reconciler, access: { sendsTo: ['nowhere.fifo'] } }],
    };
    expect(() => synthGateway({ spec: unknown })).toThrow(/topology names no queue nowhere.fifo/);
  });
});
