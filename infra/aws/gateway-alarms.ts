import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { defaultRetryPolicy } from '../../functions/core/retry-policy';
import type { BusinessMetric } from '../../functions/ports/business-metrics';
import { type DeadLetterQueueSpec, type QueueSpec, service } from '../topology';

export interface AlarmSources {
  readonly queues: readonly { readonly spec: QueueSpec; readonly queue: IQueue }[];
  readonly deadLetterQueues: readonly { readonly spec: DeadLetterQueueSpec; readonly queue: IQueue }[];
  readonly functions: readonly { readonly name: string; readonly fn: IFunction }[];
  readonly api: HttpApi;
}

export interface AlarmOptions {
  readonly resourcePrefix: string;
  /** Customer-managed key of the topic; CloudWatch is allowed to use it here. */
  readonly topicKey: IKey;
  readonly email?: string;
}

export interface GatewayAlarms {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];
}

interface AlarmDefinition {
  /** Suffix of the alarm's name, unique in the stack. */
  readonly id: string;
  readonly metric: IMetric;
  readonly threshold: number;
  /** What is wrong and what to do, for whoever receives it. */
  readonly description: string;
  /** Default: above the threshold. */
  readonly comparison?: ComparisonOperator;
  /** Default: one period, one breaching data point. */
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
}

/** Share of API requests answered 5xx, in percent, above which someone should look. */
const API_SERVER_ERROR_PERCENT = 1;

/**
 * A message still waiting after the retry policy's longest backoff means deliveries fail,
 * not that they are slow.
 */
const QUEUE_AGE_ALARM_SECONDS = defaultRetryPolicy.capSeconds;

function businessMetric(metricName: BusinessMetric, statistic: 'Sum' | 'Maximum'): Metric {
  return new Metric({
    namespace: service.metricsNamespace,
    metricName,
    dimensionsMap: { service: service.name },
    statistic,
    period: Duration.minutes(5),
  });
}

/** The topic operators subscribe to, and every alarm the gateway raises on it. */
export function createGatewayAlarms(
  scope: Construct,
  sources: AlarmSources,
  options: AlarmOptions,
): GatewayAlarms {
  const stack = Stack.of(scope);
  const topic = new Topic(scope, 'AlarmTopic', {
    topicName: `${options.resourcePrefix}-alarms`,
    displayName: 'Liên thông Gateway alarms',
    masterKey: options.topicKey,
    enforceSSL: true,
  });
  const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
  const fromThisAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
  topic.addToResourcePolicy(
    new PolicyStatement({
      principals: [cloudWatch],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: fromThisAccount,
    }),
  );
  // CloudWatch encrypts what it publishes to an encrypted topic with the topic's key.
  options.topicKey.addToResourcePolicy(
    new PolicyStatement({
      principals: [cloudWatch],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: fromThisAccount,
    }),
  );
  if (options.email) topic.addSubscription(new EmailSubscription(options.email));

  const action = new SnsAction(topic);
  const alarms: Alarm[] = [];
  const alarm = (definition: AlarmDefinition) => {
    const created = new Alarm(scope, `Alarm:${definition.id}`, {
      alarmName: `${options.resourcePrefix}-${definition.id}`,
      alarmDescription: definition.description,
      metric: definition.metric,
      threshold: definition.threshold,
      comparisonOperator: definition.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: definition.evaluationPeriods ?? 1,
      datapointsToAlarm: definition.datapointsToAlarm ?? 1,
      // Idle queues and functions publish no data points; silence is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    alarms.push(created);
  };

  for (const { spec, queue } of sources.deadLetterQueues) {
    alarm({
      id: `dlq-depth-${spec.name}`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      description: `${spec.name} holds messages that exhausted their retries or were rejected: find them by dossier code and replay or discard.`,
    });
    alarm({
      id: `age-${spec.name}`,
      metric: queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: (spec.retentionDays * 86_400) / 2,
      description: `A message in ${spec.name} is past half its ${spec.retentionDays}-day retention: SQS deletes it when that runs out.`,
    });
  }
  for (const { spec, queue } of sources.queues) {
    alarm({
      id: `age-${spec.name}`,
      metric: queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: QUEUE_AGE_ALARM_SECONDS,
      description: `The oldest message in ${spec.name} has waited more than ${QUEUE_AGE_ALARM_SECONDS} s: its consumer keeps failing or cannot keep up.`,
    });
  }
  for (const { name, fn } of sources.functions) {
    alarm({
      id: `errors-${name}`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      description: `${name} failed invocations (unhandled errors or timeouts).`,
    });
    alarm({
      id: `throttles-${name}`,
      metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      description: `${name} was throttled: the account's or the function's concurrency is exhausted.`,
    });
  }
  alarm({
    id: 'api-5xx-rate',
    metric: new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: sources.api.metricServerError({ statistic: 'Sum' }),
        requests: sources.api.metricCount({ statistic: 'Sum' }),
      },
      period: Duration.minutes(5),
      label: 'API 5xx (%)',
    }),
    threshold: API_SERVER_ERROR_PERCENT,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    description: `More than ${API_SERVER_ERROR_PERCENT}% of API requests answered 5xx in two of the last three 5-minute periods.`,
  });
  alarm({
    id: 'reconciliation-mismatches',
    metric: businessMetric('ReconciliationMismatches', 'Sum'),
    threshold: 0,
    description:
      'Payment reconciliation (đối soát) found transactions that differ between the payment platform and the gateway.',
  });
  alarm({
    id: 'payment-anomalies',
    metric: businessMetric('PaymentAnomalies', 'Sum'),
    threshold: 0,
    description:
      'A payment outcome was recorded but not applied (a wrong amount, or an answer that contradicts a settled payment): the metric\'s log line (`"PaymentAnomalies":1`) names the paymentId to check against the platform.',
  });
  alarm({
    id: 'circuit-breaker-open',
    metric: businessMetric('CircuitBreakerOpen', 'Maximum'),
    threshold: 1,
    comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    description:
      'A circuit breaker to an external endpoint is open: calls to it are being refused. The dashboard\'s "Circuit breakers open" panel and the metric\'s log line (its `endpoint` member) name which one (national-portal, province-webhooks, payment-platform).',
  });
  return { topic, alarms };
}
