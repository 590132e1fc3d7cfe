import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { DeploymentContext } from '../../infra/aws/deployment-config';
import { createGatewayApp, type GatewayApp } from '../../infra/aws/gateway-app';
import type { GatewaySpec } from '../../infra/aws/gateway-stack';
import { projectRoot } from '../../infra/aws/lambda-bundling';
import { environment } from '../../infra/topology';

export interface SynthOptions {
  readonly context?: DeploymentContext;
  readonly spec?: GatewaySpec;
  /** Run esbuild for every function (slow); off, assets are staged unbundled. */
  readonly bundle?: boolean;
  /** aws-cdk-lib's built-in CloudFormation schema validation (several seconds); `npm run synth` has it on. */
  readonly builtinValidation?: boolean;
}

export interface SynthesizedGateway extends GatewayApp {
  readonly template: Template;
  /** The cloud assembly directory; `cleanup` removes it. */
  readonly outdir: string;
  cleanup(): void;
}

/** The context cdk.json gives the CLI (feature flags included), so tests build what `npm run synth` builds. */
const cliContext = (JSON.parse(readFileSync(resolve(projectRoot, 'cdk.json'), 'utf8')) as { context: object })
  .context;

/**
 * Builds and synthesizes the CDK app in memory, as `npm run synth` would, with cdk-nag
 * registered: a finding that is not acknowledged makes this throw.
 */
export function synthGateway(options: SynthOptions = {}): SynthesizedGateway {
  const outdir = mkdtempSync(join(tmpdir(), 'lien-thong-cdk-'));
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const gatewayApp = createGatewayApp(
      {
        outdir,
        stackTraces: false,
        builtinCloudFormationValidation: options.builtinValidation ?? false,
        context: {
          ...cliContext,
          ...options.context,
          // An empty list tells the CDK to bundle no stack's assets.
          ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
        },
      },
      options.spec,
    );
    const template = Template.fromStack(gatewayApp.gateway.stack);
    return { ...gatewayApp, template, outdir, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** Every resource of one CloudFormation type, by logical id. */
export function resourcesOfType(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }> {
  return template.findResources(type) as Record<
    string,
    { Properties: Record<string, unknown>; DeletionPolicy?: string }
  >;
}

/** The one resource of a type whose properties match; throws when there is none. */
export function findResource(
  template: Template,
  type: string,
  matches: (properties: Record<string, unknown>) => boolean,
): { id: string; properties: Record<string, unknown> } {
  const found = Object.entries(resourcesOfType(template, type)).find(([, resource]) =>
    matches(resource.Properties),
  );
  if (!found) throw new Error(`no ${type} in the template matches`);
  return { id: found[0], properties: found[1].Properties };
}

/**
 * The variables the function serving the console gets from the default stack, whose issuer is
 * its Cognito user pool (an external issuer's stack sets all but the sign-out parameter).
 */
export const consoleVariables = [
  environment.consoleIssuerUrl,
  environment.consoleClientId,
  environment.consoleClientSecretArn,
  environment.consoleUrl,
  environment.consoleGroupsClaim,
  environment.consoleRoleOfGroup,
  environment.consoleSignOutRedirectParameter,
];
