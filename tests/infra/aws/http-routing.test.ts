import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, type SynthesizedGateway, synthGateway } from '../../support/synth-gateway';

/**
 * Which function API Gateway sends a path to (ADR 17): what systems call goes to `api`, what
 * operators use (the console, the admin API, the API reference) to `console`, so that the API's
 * cold start carries none of the operators' code (issue 24).
 */
let synthesized: SynthesizedGateway;
beforeAll(() => {
  synthesized = synthGateway();
});
afterAll(() => synthesized.cleanup());

const prefix = 'lien-thong-demo-dev';

/** The function the route with this key integrates, by its name. */
function functionOf(routeKey: string): unknown {
  const { template } = synthesized;
  const route = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).find(
    (candidate) => candidate.Properties.RouteKey === routeKey,
  );
  if (!route) throw new Error(`no route ${routeKey}`);
  const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
  const integration = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')[integrationId];
  if (!integration) throw new Error(`route ${routeKey} integrates nothing`);
  const [functionId] = (integration.Properties.IntegrationUri as { 'Fn::GetAtt': [string] })['Fn::GetAtt'];
  return resourcesOfType(template, 'AWS::Lambda::Function')[functionId]?.Properties.FunctionName;
}

describe('the HTTP API', () => {
  it('sends what systems call (everything not routed elsewhere) to the API function', () => {
    expect(functionOf('ANY /{proxy+}')).toBe(`${prefix}-api`);
  });

  it.each(['ANY /v1/admin/{proxy+}', 'ANY /admin', 'ANY /admin/{proxy+}', 'GET /docs', 'GET /openapi.json'])(
    'sends %s, an operator path, to the console function',
    (routeKey) => {
      expect(functionOf(routeKey)).toBe(`${prefix}-console`);
    },
  );
});
