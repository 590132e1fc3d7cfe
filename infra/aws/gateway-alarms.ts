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
import { customMetrics, type DeadLetterQueueSpec, type QueueSpec } from '../topology';

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

/** Share of API requests answered 5xx, in percent, above which someone should look. */
const API_SERVER_ERROR_PERCENT = 1;

/**
 * A message still waiting after the retry policy's longest backoff means deliveries fail,
 * not that they are slow.
 */
const QUEUE_AGE_ALARM_SECONDS = defaultRetryPolicy.capSeconds;

function businessMetric(metricName: string, statistic: 'Sum' | 'Maximum'): Metric {
  return new Metric({
    namespace: customMetrics.namespace,
    metricName,
    dimensionsMap: { service: customMetrics.serviceName },
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
  const alarm = (
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    comparison = ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluation = { evaluationPeriods: 1, datapointsToAlarm: 1 },
  ) => {
    const created = new Alarm(scope, `Alarm:${id}`, {
      alarmName: `${options.resourcePrefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: comparison,
      ...evaluation,
      // Idle queues and functions publish no data points; silence is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    alarms.push(created);
  };

  for (const { spec, queue } of sources.deadLetterQueues) {
    alarm(
      `dlq-depth-${spec.name}`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      0,
      `${spec.name} holds messages that exhausted their retries or were rejected: find them by dossier code and replay or discard.`,
    );
    alarm(
      `age-${spec.name}`,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      (spec.retentionDays * 86_400) / 2,
      `A message in ${spec.name} is past half its ${spec.retentionDays}-day retention: SQS deletes it when that runs out.`,
    );
  }
  for (const { spec, queue } of sources.queues) {
    alarm(
      `age-${spec.name}`,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      QUEUE_AGE_ALARM_SECONDS,
      `The oldest message in ${spec.name} has waited more than ${QUEUE_AGE_ALARM_SECONDS} s: its consumer keeps failing or cannot keep up.`,
    );
  }
  for (const { name, fn } of sources.functions) {
    alarm(
      `errors-${name}`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
      `${name} failed invocations (unhandled errors or timeouts).`,
    );
    alarm(
      `throttles-${name}`,
      fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
      `${name} was throttled: the account's or the function's concurrency is exhausted.`,
    );
  }
  alarm(
    'api-5xx-rate',
    new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: sources.api.metricServerError({ statistic: 'Sum' }),
        requests: sources.api.metricCount({ statistic: 'Sum' }),
      },
      period: Duration.minutes(5),
      label: 'API 5xx (%)',
    }),
    API_SERVER_ERROR_PERCENT,
    `More than ${API_SERVER_ERROR_PERCENT}% of API requests answered 5xx in two of the last three 5-minute periods.`,
    ComparisonOperator.GREATER_THAN_THRESHOLD,
    { evaluationPeriods: 3, datapointsToAlarm: 2 },
  );
  alarm(
    'reconciliation-mismatches',
    businessMetric(customMetrics.reconciliationMismatches, 'Sum'),
    0,
    'Payment reconciliation (đối soát) found transactions that differ between the payment platform and the gateway.',
  );
  alarm(
    'circuit-breaker-open',
    businessMetric(customMetrics.circuitBreakerOpen, 'Maximum'),
    1,
    'A circuit breaker to an external endpoint is open: calls to it are being refused.',
    ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  );
  return { topic, alarms };
}
