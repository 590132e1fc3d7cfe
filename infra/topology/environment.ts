/** Environment variables every function reads; the values come from the runtime that hosts it. */
export const environment = {
  stage: 'GATEWAY_STAGE',
  tableName: 'GATEWAY_TABLE_NAME',
  queueUrlPrefix: 'GATEWAY_QUEUE_URL_',
  secretsArn: 'GATEWAY_SECRETS_ARN',
  /** The KMS key that seals connected systems' webhook signing secrets. */
  sealingKeyArn: 'GATEWAY_SEALING_KEY_ARN',
  nationalPortalUrl: 'NATIONAL_PORTAL_URL',
  tokenIssuer: 'GATEWAY_TOKEN_ISSUER',
  nationalPushAllowList: 'NATIONAL_PUSH_ALLOWED_IPS',
  nationalTransports: 'NATIONAL_TRANSPORTS',
  nationalLgspUrl: 'NATIONAL_LGSP_URL',
  paymentPlatformUrl: 'PAYMENT_PLATFORM_URL',
  /** People's sign-in to the console (OpenID Connect): the issuer, the console's client, its address. */
  consoleIssuerUrl: 'CONSOLE_ISSUER_URL',
  consoleClientId: 'CONSOLE_CLIENT_ID',
  /** The Secrets Manager secret whose value is the console client's secret, as plain text. */
  consoleClientSecretArn: 'CONSOLE_CLIENT_SECRET_ARN',
  consoleUrl: 'CONSOLE_URL',
  /** The issuer's sign-out parameter for the console's signed-out page, when not `post_logout_redirect_uri` (Cognito: `logout_uri`). */
  consoleSignOutRedirectParameter: 'CONSOLE_SIGN_OUT_REDIRECT_PARAMETER',
  /** The ID token claim with the person's groups (default `groups`; Cognito: `cognito:groups`; a dotted path reaches nested claims). */
  consoleGroupsClaim: 'CONSOLE_GROUPS_CLAIM',
  /** JSON object mapping the issuer's group names to roles (default: same names). */
  consoleRoleOfGroup: 'CONSOLE_ROLE_OF_GROUP',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

/** The env var that carries a queue's URL, e.g. GATEWAY_QUEUE_URL_TO_NATIONAL. */
export function queueUrlVariable(queueName: string): string {
  return (
    environment.queueUrlPrefix +
    queueName
      .replace(/\.fifo$/, '')
      .replace(/-/g, '_')
      .toUpperCase()
  );
}
