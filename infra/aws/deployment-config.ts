import * as z from 'zod';

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
  const production = PRODUCTION_STAGES.includes(config.stage);
  if (production && new URL(config.nationalPortalUrl).hostname.endsWith('.invalid')) {
    throw new Error(`invalid deployment context: stage ${config.stage} needs -c nationalPortalUrl=https://…`);
  }
  return { ...config, production, resourcePrefix: `lien-thong-${config.province}-${config.stage}` };
}
