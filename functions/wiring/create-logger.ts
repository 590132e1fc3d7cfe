import { Logger } from '@aws-lambda-powertools/logger';
import { service } from '../../infra/topology';
import { RedactingLogFormatter } from '../adapters/redacting-log-formatter';

/**
 * The one way the gateway builds a logger, on AWS and locally: Powertools JSON on stdout, with
 * personal data masked centrally (functions/core/redact-personal-data.ts).
 */
export function createLogger(options: { logLevel: string; stage: string }): Logger {
  return new Logger({
    serviceName: service.name,
    logLevel: options.logLevel as 'INFO',
    persistentKeys: { stage: options.stage },
    logFormatter: new RedactingLogFormatter(),
  });
}
