import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { topology } from '../topology';
import { type DeploymentConfig, readDeploymentConfig } from './deployment-config';
import { createGatewayStack, type GatewaySpec, type GatewayStack } from './gateway-stack';

export interface GatewayApp {
  readonly app: App;
  readonly config: DeploymentConfig;
  readonly gateway: GatewayStack;
}

/**
 * The CDK app: one gateway stack per province and stage, checked by cdk-nag's AWS Solutions
 * rules at synth (an unacknowledged finding fails it). app.ts runs this for the CLI; the
 * infra tests build it in memory.
 */
export function createGatewayApp(props: AppProps = {}, spec: GatewaySpec = topology): GatewayApp {
  const app = new App(props);
  const config = readDeploymentConfig({ ...app.node.getAllContext() });
  const gateway = createGatewayStack(app, `LienThong-${config.province}-${config.stage}`, config, spec, {
    // Account and region of the CLI's credentials when deploying; none for an offline synth.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, gateway };
}
