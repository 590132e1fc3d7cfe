import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../topology';

const units = [
  { seconds: 86_400, singular: 'day', plural: 'days' },
  { seconds: 3_600, singular: 'hour', plural: 'hours' },
  { seconds: 60, singular: 'minute', plural: 'minutes' },
] as const;

/** EventBridge Scheduler's rate expression for a period in seconds; its finest unit is the minute. */
export function rateExpression(everySeconds: number): string {
  const unit = units.find((candidate) => everySeconds % candidate.seconds === 0);
  if (!unit || everySeconds <= 0) {
    throw new Error(`a schedule runs every whole number of minutes; ${everySeconds} s is not one`);
  }
  const count = everySeconds / unit.seconds;
  return `rate(${count} ${count === 1 ? unit.singular : unit.plural})`;
}

/**
 * One EventBridge Scheduler schedule per schedule-triggered function. Written with the L1
 * resource and an own role so that the role may invoke exactly that function (the L2 target
 * grant also allows every version and alias, `function:*`).
 */
export function createGatewaySchedules(
  scope: Construct,
  functions: readonly { readonly spec: FunctionSpec; readonly fn: IFunction }[],
  resourcePrefix: string,
): CfnSchedule[] {
  const account = Stack.of(scope).account;
  return functions.flatMap(({ spec, fn }) => {
    if (spec.trigger.kind !== 'schedule') return [];
    const role = new Role(scope, `ScheduleRole:${spec.name}`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: `EventBridge Scheduler invokes ${resourcePrefix}-${spec.name}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
    const schedule = new CfnSchedule(scope, `Schedule:${spec.name}`, {
      name: `${resourcePrefix}-${spec.name}`,
      description: `Runs ${spec.name} (topology.ts)`,
      scheduleExpression: rateExpression(spec.trigger.everySeconds),
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: fn.functionArn,
        roleArn: role.roleArn,
        // The next run comes one period later and does the same work; retrying a missed
        // one would only overlap it.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
      },
    });
    // The role's policy is a resource of its own; the schedule must not fire before it exists.
    schedule.node.addDependency(role);
    return [schedule];
  });
}
