import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeploymentConfig } from '../../../infra/aws/deployment-config';
import { environment, topology } from '../../../infra/topology';
import { resourcesOfType, type SynthesizedGateway, synthGateway } from '../../support/synth-gateway';

const production = {
  stage: 'prod',
  province: 'h12',
  nationalPortalUrl: 'https://dvcqg.example.vn/api/',
  domainName: 'lienthong.h12.example.vn',
  certificateArn: 'arn:aws:acm:ap-southeast-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
  alarmEmail: 'ops@h12.example.vn',
  apiRateLimit: '200',
  nationalTransports: 'H12=lgsp',
  nationalLgspUrl: 'https://lgsp.h12.example.vn/',
  nationalPushAllowList: '203.0.113.10,198.51.100.0/24',
} as const;

let synthesized: SynthesizedGateway;
beforeAll(() => {
  synthesized = synthGateway({ context: production });
});
afterAll(() => synthesized.cleanup());

describe('a production stage', () => {
  it('names its stack and resources after the province and stage', () => {
    expect(synthesized.gateway.stack.stackName).toBe('LienThong-h12-prod');
    synthesized.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `lien-thong-h12-prod-${topology.tables[0]?.name}`,
    });
  });

  it('keeps its tables when the stack or the table is deleted', () => {
    const tables = Object.values(resourcesOfType(synthesized.template, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(topology.tables.length);
    for (const table of tables) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('keeps the keys, the secret, the queues and the logs too', () => {
    for (const type of [
      'AWS::KMS::Key',
      'AWS::SecretsManager::Secret',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
    ]) {
      const resources = Object.values(resourcesOfType(synthesized.template, type));
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) expect(resource.DeletionPolicy, type).toBe('Retain');
    }
  });

  it('keeps the user pool of the console people, protected from deletion, with the console on the custom domain', () => {
    const pools = Object.values(resourcesOfType(synthesized.template, 'AWS::Cognito::UserPool'));
    expect(pools).toHaveLength(1);
    expect(pools[0]?.DeletionPolicy).toBe('Retain');
    expect(pools[0]?.Properties.DeletionProtection).toBe('ACTIVE');
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://lienthong.h12.example.vn/admin/callback'],
      LogoutURLs: ['https://lienthong.h12.example.vn/admin/login?notice=signed-out'],
    });
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'lien-thong-h12-prod',
    });
  });

  it('keeps function logs for a year', () => {
    for (const fn of topology.functions) {
      synthesized.template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/lien-thong-h12-prod-${fn.name}`,
        RetentionInDays: 365,
      });
    }
  });

  it('serves the API on its custom domain only, and signs tokens with that issuer', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: production.domainName,
      DomainNameConfigurations: [
        Match.objectLike({ CertificateArn: production.certificateArn, SecurityPolicy: 'TLS_1_2' }),
      ],
    });
    synthesized.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    for (const fn of Object.values(resourcesOfType(synthesized.template, 'AWS::Lambda::Function'))) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[environment.tokenIssuer]).toBe(`https://${production.domainName}`);
      expect(variables[environment.nationalPortalUrl]).toBe(production.nationalPortalUrl);
      expect(variables[environment.stage]).toBe('prod');
    }
  });

  it('takes its throttling from the context', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 100 },
    });
  });

  it('mails the alarms to the operators', () => {
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: production.alarmEmail,
    });
  });
});

describe('the deployment context', () => {
  it('gives every function the national transports, the LGSP address and the push allow-list of its context', () => {
    for (const fn of topology.functions) {
      synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `lien-thong-h12-prod-${fn.name}`,
        Environment: {
          Variables: Match.objectLike({
            [environment.nationalTransports]: 'H12=lgsp',
            [environment.nationalLgspUrl]: 'https://lgsp.h12.example.vn/',
            [environment.nationalPushAllowList]: '203.0.113.10,198.51.100.0/24',
          }),
        },
      });
    }
  });

  it('leaves the push allow-list empty, refusing every push, unless the context opens it', () => {
    expect(readDeploymentConfig({}).nationalPushAllowList).toBe('');
    expect(readDeploymentConfig({ nationalPushAllowList: '0.0.0.0/0,::/0' }).nationalPushAllowList).toBe(
      '0.0.0.0/0,::/0',
    );
  });

  it('refuses an LGSP province without the LGSP address, and a transport map or allow-list it cannot read', () => {
    expect(() => readDeploymentConfig({ nationalTransports: 'H12=lgsp' })).toThrow(/nationalLgspUrl/);
    expect(() => readDeploymentConfig({ nationalTransports: 'H12=carrier-pigeon' })).toThrow(
      /nationalTransports: .*H12=lgsp,H56=session/,
    );
    expect(() => readDeploymentConfig({ nationalPushAllowList: '203.0.113.10,dvcqg.gov.vn' })).toThrow(
      /nationalPushAllowList: comma-separated IP addresses or CIDR ranges/,
    );
    expect(() => readDeploymentConfig({ nationalPushAllowList: '198.51.100.0/33' })).toThrow(
      /nationalPushAllowList/,
    );
  });

  it('defaults to a development stage that an offline synth can build', () => {
    expect(readDeploymentConfig({})).toMatchObject({
      stage: 'dev',
      province: 'demo',
      production: false,
      resourcePrefix: 'lien-thong-demo-dev',
    });
  });

  it('refuses a production stage without the national portal URL', () => {
    expect(() => readDeploymentConfig({ stage: 'prod', province: 'h12' })).toThrow(/nationalPortalUrl/);
  });

  it('refuses a custom domain without its certificate', () => {
    expect(() => readDeploymentConfig({ domainName: 'lienthong.example.vn' })).toThrow(
      /domainName and certificateArn go together/,
    );
  });

  it('names the field that is wrong', () => {
    expect(() => readDeploymentConfig({ stage: 'Prod!' })).toThrow(/stage: lowercase letters and digits/);
    expect(() => readDeploymentConfig({ nationalPortalUrl: 'http://insecure.example.vn' })).toThrow(
      /nationalPortalUrl/,
    );
  });
});
