import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { failureSides } from '../../functions/core/failure-side';
import { type BusinessMetric, businessMetrics } from '../../functions/ports/business-metrics';
import { type FunctionSpec, type QueueSpec, service } from '../topology';

export interface DashboardSources {
  readonly queues: readonly { readonly spec: QueueSpec; readonly queue: IQueue }[];
  readonly queueNamed: (name: string) => IQueue;
  readonly functions: readonly { readonly spec: FunctionSpec; readonly fn: IFunction }[];
  readonly api: HttpApi;
}

const PERIOD = Duration.minutes(1);

function graph(title: string, left: IMetric[], right: IMetric[] = []): GraphWidget {
  return new GraphWidget({ title, left, right, width: 8, height: 6, period: PERIOD });
}

/** Invocations, duration and failures of one function: the same three panels for every kind of trigger. */
function functionWidgets(name: string, fn: IFunction): IWidget[] {
  return [
    graph(`${name}: invocations`, [fn.metricInvocations({ statistic: 'Sum' })]),
    graph(`${name}: duration`, [
      fn.metricDuration({ statistic: 'p50', label: 'p50' }),
      fn.metricDuration({ statistic: 'p99', label: 'p99' }),
    ]),
    graph(`${name}: failures`, [
      fn.metricErrors({ statistic: 'Sum' }),
      fn.metricThrottles({ statistic: 'Sum' }),
    ]),
  ];
}

/**
 * One row per flow, derived from the topology: a queue with the functions that send to it
 * and the one it triggers; then the API, the functions outside any queue flow, and the
 * business metrics.
 */
export function createGatewayDashboard(
  scope: Construct,
  sources: DashboardSources,
  resourcePrefix: string,
): Dashboard {
  const dashboard = new Dashboard(scope, 'Dashboard', { dashboardName: `${resourcePrefix}-gateway` });
  const inFlows = new Set<string>();

  for (const { spec: queueSpec, queue } of sources.queues) {
    const producers = sources.functions.filter(({ spec }) => spec.access.sendsTo?.includes(queueSpec.name));
    const consumers = sources.functions.filter(
      ({ spec }) => spec.trigger.kind === 'queue' && spec.trigger.queue === queueSpec.name,
    );
    const deadLetters = sources.queueNamed(queueSpec.deadLetterQueue);
    for (const { spec } of consumers) inFlows.add(spec.name);
    const from = producers.map(({ spec }) => spec.name).join(', ') || 'no sender';
    const to = consumers.map(({ spec }) => spec.name).join(', ') || 'no consumer';
    dashboard.addWidgets(
      new TextWidget({ markdown: `### ${from} → ${queueSpec.name} → ${to}`, width: 24, height: 1 }),
    );
    dashboard.addWidgets(
      graph(
        `${queueSpec.name}: throughput`,
        [
          queue.metricNumberOfMessagesSent({ statistic: 'Sum', label: 'sent' }),
          queue.metricNumberOfMessagesDeleted({ statistic: 'Sum', label: 'delivered (deleted)' }),
        ],
        consumers.map(({ spec, fn }) =>
          fn.metricInvocations({ statistic: 'Sum', label: `${spec.name} batches` }),
        ),
      ),
      graph(`${queueSpec.name}: latency`, [
        queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', label: 'oldest message (s)' }),
        ...consumers.flatMap(({ spec, fn }) => [
          fn.metricDuration({ statistic: 'p50', label: `${spec.name} p50 (ms)` }),
          fn.metricDuration({ statistic: 'p99', label: `${spec.name} p99 (ms)` }),
        ]),
      ]),
      graph(
        `${queueSpec.name}: failures`,
        [
          deadLetters.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            label: `${queueSpec.deadLetterQueue} depth`,
          }),
        ],
        consumers.flatMap(({ spec, fn }) => [
          fn.metricErrors({ statistic: 'Sum', label: `${spec.name} errors` }),
          fn.metricThrottles({ statistic: 'Sum', label: `${spec.name} throttles` }),
        ]),
      ),
    );
  }

  dashboard.addWidgets(new TextWidget({ markdown: '### HTTP API', width: 24, height: 1 }));
  dashboard.addWidgets(
    graph('API: requests', [sources.api.metricCount({ statistic: 'Sum' })]),
    graph('API: latency', [
      sources.api.metricLatency({ statistic: 'p50', label: 'p50' }),
      sources.api.metricLatency({ statistic: 'p99', label: 'p99' }),
      sources.api.metricIntegrationLatency({ statistic: 'p99', label: 'integration p99' }),
    ]),
    graph('API: failures', [
      sources.api.metricServerError({ statistic: 'Sum', label: '5xx' }),
      sources.api.metricClientError({ statistic: 'Sum', label: '4xx' }),
    ]),
  );

  for (const { spec, fn } of sources.functions) {
    if (inFlows.has(spec.name)) continue;
    dashboard.addWidgets(
      new TextWidget({ markdown: `### ${spec.name} (${spec.trigger.kind})`, width: 24, height: 1 }),
    );
    dashboard.addWidgets(...functionWidgets(spec.name, fn));
  }

  /** A business metric, for the whole service or, for a metric that declares one, for one value of its dimension. */
  const business = (metricName: BusinessMetric, statistic: string, breakdown?: string) => {
    const declared: { readonly dimension?: string } = businessMetrics[metricName];
    return new Metric({
      namespace: service.metricsNamespace,
      metricName,
      dimensionsMap: {
        service: service.name,
        ...(declared.dimension && breakdown ? { [declared.dimension]: breakdown } : {}),
      },
      statistic,
      ...(breakdown ? { label: breakdown } : {}),
    });
  };
  const endpoints = failureSides.filter((side) => side !== 'gateway');
  dashboard.addWidgets(new TextWidget({ markdown: '### Business signals', width: 24, height: 1 }));
  dashboard.addWidgets(
    graph('Reconciliation mismatches', [business('ReconciliationMismatches', 'Sum')]),
    // Who failed, never only that something did: a province's outage is not the portal's.
    graph(
      'Delivery failures by the side that failed',
      failureSides.map((side) => business('DeliveryFailures', 'Sum', side)),
    ),
    graph(
      'Circuit breakers open, by endpoint',
      endpoints.map((endpoint) => business('CircuitBreakerOpen', 'Maximum', endpoint)),
    ),
  );
  return dashboard;
}
