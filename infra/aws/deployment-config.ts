import { isIP } from 'node:net';
import * as z from 'zod';
import { parseRoleOfGroup } from '../../functions/wiring/console-role-claims';
import { parseNationalTransports } from '../../functions/wiring/parse-national-transports';

/**
 * What changes between deployments of the same topology, read from CDK context
 * (`cdk deploy -c stage=prod -c province=h12 ...`). Parsed once, here, so a typo fails the
 * synth with the field's name instead of producing a half-configured stack.
 */
const deploymentContextSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,11}$/, 'lowercase letters and digits, 2 to 12 characters')
    .default('dev'),
  /** The province whose one-stop-shop system this gateway serves; each province deploys its own. */
  province: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,11}$/, 'lowercase letters and digits, 2 to 12 characters, e.g. h12')
    .default('demo'),
  /** Base URL of the national portal's integration API (DVCQG). */
  nationalPortalUrl: z.url({ protocol: /^https$/ }).default('https://national-portal.invalid/'),
  /**
   * Which provinces reach the portal through their LGSP instead of the session envelope,
   * written as the local runtime's NATIONAL_TRANSPORTS (`H12=lgsp,H56=session`).
   */
  nationalTransports: z
    .string()
    .default('')
    .superRefine((text, context) => {
      try {
        parseNationalTransports(text, 'nationalTransports');
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Base URL of the LGSP REST endpoint; needed once a province in nationalTransports uses lgsp. */
  nationalLgspUrl: z.url({ protocol: /^https$/ }).optional(),
  /**
   * Addresses (exact or CIDR, comma-separated) the national portal pushes from. Empty refuses
   * every push: the gateway fails closed; `0.0.0.0/0,::/0` opens it to any address, leaving the
   * signature and the token as the only checks, and must be written out to mean it.
   */
  nationalPushAllowList: z
    .string()
    .default('')
    .refine(
      (text) =>
        text
          .split(',')
          .filter(Boolean)
          .every((entry) => {
            const [address = '', prefix, ...rest] = entry.trim().split('/');
            const family = isIP(address);
            const bits = family === 6 ? 128 : 32;
            return (
              family !== 0 &&
              rest.length === 0 &&
              (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))
            );
          }),
      'comma-separated IP addresses or CIDR ranges, e.g. 203.0.113.10,198.51.100.0/24',
    ),
  /** Base URL of the national payment platform (PayGov); without it payments answer 503. */
  paymentPlatformUrl: z.url({ protocol: /^https$/ }).optional(),
  /** `iss` of the access tokens the gateway signs; defaults to the API's public URL. */
  tokenIssuer: z.url().optional(),
  /** Optional custom domain for the API; needs an ACM certificate in the stack's region. */
  domainName: z.string().min(3).optional(),
  certificateArn: z.string().startsWith('arn:').optional(),
  /** Receives the alarms by e-mail; other subscribers can be added to the topic later. */
  alarmEmail: z.email().optional(),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /**
   * The province's own OpenID issuer for the console's people (e.g. Keycloak), with the
   * console's client there and the Secrets Manager secret (name or ARN) whose text is that
   * client's secret: all three, or none and the stack creates a Cognito user pool.
   */
  consoleIssuerUrl: z.url({ protocol: /^https$/ }).optional(),
  consoleClientId: z.string().min(1).optional(),
  consoleClientSecretId: z.string().min(1).optional(),
  /** The KMS key of that secret, when it is not Secrets Manager's own `aws/secretsmanager`. */
  consoleClientSecretKeyArn: z.string().startsWith('arn:').optional(),
  /** The ID token claim with people's groups; default `cognito:groups` for the pool, `groups` otherwise. */
  consoleGroupsClaim: z.string().min(1).optional(),
  /**
   * Groups to roles, as JSON (`{"lt-xem":"viewer","lt-van-hanh":"operator","lt-an-ninh":"security"}`);
   * default the groups `viewer`, `operator`, `security`. The user pool gets one group per key.
   */
  consoleRoleOfGroup: z
    .preprocess((value) => (typeof value === 'object' ? JSON.stringify(value) : value), z.string())
    .optional()
    .superRefine((text, context) => {
      if (text === undefined) return;
      try {
        parseRoleOfGroup(text, 'consoleRoleOfGroup');
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** The prefix of the user pool's sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`); default the resource prefix. */
  consoleDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens')
    .optional(),
  /** Steady-state requests per second and burst for the whole API (API Gateway stage throttling). */
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
});

export type DeploymentContext = z.input<typeof deploymentContextSchema>;

export interface DeploymentConfig extends z.infer<typeof deploymentContextSchema> {
  /** Production keeps its data when the stack or a resource is deleted. */
  readonly production: boolean;
  /** Prefix of every physical name, so several provinces and stages share one account. */
  readonly resourcePrefix: string;
}

/** Stages whose data must survive a `cdk destroy` or a replaced resource. */
const PRODUCTION_STAGES: readonly string[] = ['prod'];

export function readDeploymentConfig(context: Record<string, unknown>): DeploymentConfig {
  const parsed = deploymentContextSchema.safeParse(context);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid deployment context (cdk -c name=value): ${problems.join('; ')}`);
  }
  const config = parsed.data;
  if ((config.domainName === undefined) !== (config.certificateArn === undefined)) {
    throw new Error('invalid deployment context: domainName and certificateArn go together');
  }
  const external = [config.consoleIssuerUrl, config.consoleClientId, config.consoleClientSecretId];
  if (external.some((value) => value !== undefined) && external.some((value) => value === undefined)) {
    throw new Error(
      'invalid deployment context: consoleIssuerUrl, consoleClientId and consoleClientSecretId go together (an external issuer), or none is given (a Cognito user pool)',
    );
  }
  const lgspProvinces = Object.entries(parseNationalTransports(config.nationalTransports))
    .filter(([, transport]) => transport === 'lgsp')
    .map(([province]) => province);
  if (lgspProvinces.length > 0 && !config.nationalLgspUrl) {
    throw new Error(
      `invalid deployment context: nationalTransports sends ${lgspProvinces.join(', ')} over LGSP; add -c nationalLgspUrl=https://…`,
    );
  }
  const production = PRODUCTION_STAGES.includes(config.stage);
  if (production && new URL(config.nationalPortalUrl).hostname.endsWith('.invalid')) {
    throw new Error(`invalid deployment context: stage ${config.stage} needs -c nationalPortalUrl=https://…`);
  }
  return { ...config, production, resourcePrefix: `lien-thong-${config.province}-${config.stage}` };
}
