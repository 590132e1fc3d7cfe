/**
 * The service's name and its metrics namespace, named once. Powertools reads the name from
 * POWERTOOLS_SERVICE_NAME and sets it as the `service` dimension of every business metric
 * (CloudWatch embedded metric format); the AWS stack's alarms and dashboard match on it. The
 * API's access tokens name it as their audience.
 */
export const service = {
  name: 'lien-thong-gateway',
  metricsNamespace: 'LienThongGateway',
} as const;
