import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redactPersonalData, redactText } from '../core/redact-personal-data';

/**
 * Powertools' standard JSON layout, with personal data masked in the message and in every
 * attribute (persistent keys, extra objects, errors and their causes) before the line is
 * serialised. Every Logger the gateway builds uses it (functions/wiring/create-logger.ts), so
 * no call site has to remember to mask.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: redactText(String(attributes.message ?? '')),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: base }).addAttributes(redactPersonalData(additional) as LogAttributes);
  }

  /** Errors that reach the JSON replacer without passing formatAttributes are masked too. */
  override formatError(error: Error): LogAttributes {
    return {
      ...(redactPersonalData(error) as LogAttributes),
      location: this.getCodeLocation(error.stack),
    };
  }
}
