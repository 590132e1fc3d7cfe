import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../topology';

export interface GatewayApi {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Where clients reach the API: the custom domain when there is one. */
  readonly url: string;
  readonly domain?: DomainName;
}

export interface ApiOptions {
  readonly resourcePrefix: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** One JSON line per request: enough to find a request by id, client IP, route and outcome. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

const methods: Record<RouteSpec['method'], HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  ANY: HttpMethod.ANY,
};

/** The HTTP API with the topology's routes, access logs, throttling and an optional custom domain. */
export function createGatewayApi(
  scope: Construct,
  routes: readonly RouteSpec[],
  functionNamed: (name: string) => IFunction,
  options: ApiOptions,
): GatewayApi {
  const domain = options.customDomain
    ? new DomainName(scope, 'ApiDomain', {
        domainName: options.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(
          scope,
          'ApiCertificate',
          options.customDomain.certificateArn,
        ),
        securityPolicy: SecurityPolicy.TLS_1_2,
      })
    : undefined;
  const api = new HttpApi(scope, 'Api', {
    apiName: `${options.resourcePrefix}-api`,
    description: 'Liên thông Gateway: provincial one-stop-shop systems to the National Public Service Portal',
    // The stage below carries the logs and throttling the default stage cannot.
    createDefaultStage: false,
    // With a custom domain, clients use it and only it.
    disableExecuteApiEndpoint: domain !== undefined,
  });
  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
    logGroupName: `/aws/apigateway/${options.resourcePrefix}-api`,
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const stage = new HttpStage(scope, 'ApiStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: options.rateLimit, burstLimit: options.burstLimit },
    accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    ...(domain ? { domainMapping: { domainName: domain } } : {}),
  });

  const integrations = new Map<string, HttpLambdaIntegration>();
  for (const route of routes) {
    let integration = integrations.get(route.function);
    if (!integration) {
      integration = new HttpLambdaIntegration(`Integration:${route.function}`, functionNamed(route.function));
      integrations.set(route.function, integration);
    }
    for (const added of api.addRoutes({ path: route.path, methods: [methods[route.method]], integration })) {
      Validations.of(added).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorization happens in the API function: OAuth 2.0 client credentials with ES256 access tokens, ' +
          'scopes and agency grants (functions/http). /oauth/token itself and the payment callback must stay ' +
          'reachable without a bearer token; the callback is verified by its MaXacThuc signature.',
      });
    }
  }

  return {
    api,
    stage,
    accessLogs,
    url: domain ? `https://${options.customDomain?.domainName}` : api.apiEndpoint,
    ...(domain ? { domain } : {}),
  };
}
