import { readFile } from 'node:fs/promises';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/** The outputs of a deployed gateway stack an operator's command needs (infra/aws/gateway-stack.ts). */
export interface GatewayStackOutputs {
  readonly GatewayTableName: string;
  readonly SecretSealingKeyArn: string;
}

/** Where a command reads the stack's outputs: CloudFormation, or a `cdk deploy --outputs-file` file. */
export type StackOutputsSource = (stackName: string) => Promise<GatewayStackOutputs>;

function complete(stackName: string, outputs: Record<string, string | undefined>): GatewayStackOutputs {
  const { GatewayTableName, SecretSealingKeyArn } = outputs;
  if (!GatewayTableName || !SecretSealingKeyArn) {
    throw new Error(
      `stack ${stackName} has no GatewayTableName or SecretSealingKeyArn output: deploy this version of the gateway first`,
    );
  }
  return { GatewayTableName, SecretSealingKeyArn };
}

/** DescribeStacks with the operator's AWS credentials (cloudformation:DescribeStacks on the stack). */
export function cloudFormationOutputs(region: string): StackOutputsSource {
  return async (stackName) => {
    const client = new CloudFormationClient({ region });
    try {
      const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
      const outputs = Object.fromEntries(
        (Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]),
      );
      return complete(stackName, outputs);
    } finally {
      client.destroy();
    }
  };
}

/** The JSON `cdk deploy --outputs-file <file>` writes: outputs by stack name. */
export function outputsFile(path: string): StackOutputsSource {
  return async (stackName) => {
    const stacks = JSON.parse(await readFile(path, 'utf8')) as Record<string, Record<string, string>>;
    const outputs = stacks[stackName];
    if (!outputs)
      throw new Error(`${path} has no stack ${stackName} (it has ${Object.keys(stacks).join(', ')})`);
    return complete(stackName, outputs);
  };
}
