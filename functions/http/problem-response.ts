import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { FieldError, Problem } from '../../contracts/problem';
import { GatewayError, type GatewayErrorCode } from '../core/gateway-error';
import { toJsonPath } from '../core/json-path';
import { redactPersonalData, redactText } from '../core/redact-personal-data';
import { problemCatalogue } from './problem-catalogue';

export function statusOf(code: GatewayErrorCode): ContentfulStatusCode {
  return problemCatalogue[code].status;
}

/**
 * One field error per problem, messages as the contracts word them (bilingual; see
 * contracts/bilingual-issue-message.ts, which also tells a missing field from a wrong type).
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: toJsonPath([...issue.path, key]),
        message: 'Trường không được hỗ trợ / Unknown field: remove it or check its spelling',
      }));
    }
    return [{ path: toJsonPath(issue.path), message: issue.message }];
  });
}

export function invalidRequest(error: z.ZodError, where: string): GatewayError {
  const fieldErrors = fieldErrorsOf(error);
  return new GatewayError(
    'request.invalid',
    `${fieldErrors.length} lỗi trong ${where} / ${fieldErrors.length} invalid field(s) in the ${where}`,
    { fieldErrors },
  );
}

/** Enough to fix a request; a body with thousands of wrong keys gets a bounded answer. */
const MAX_FIELD_ERRORS = 50;

/**
 * The one place a GatewayError becomes an HTTP answer. Everything that can carry caller or
 * partner text (detail, paths, messages, details) is masked: an answer never echoes an ID
 * number, phone number or e-mail address (SECURITY.md).
 */
export function problemResponse(c: Context, error: GatewayError): Response {
  const { status, title } = problemCatalogue[error.code];
  const fieldErrors = error.fieldErrors.slice(0, MAX_FIELD_ERRORS).map((fieldError) => ({
    path: redactText(fieldError.path),
    message: redactText(fieldError.message),
  }));
  const problem: Problem & Record<string, unknown> = {
    ...(redactPersonalData(error.details) as Record<string, unknown>),
    type: `/problems/${error.code}`,
    title,
    status,
    detail: redactText(error.message),
    instance: redactText(c.req.path),
    code: error.code,
    ...(fieldErrors.length ? { errors: fieldErrors } : {}),
    ...(error.fieldErrors.length > MAX_FIELD_ERRORS
      ? { errorsOmitted: error.fieldErrors.length - MAX_FIELD_ERRORS }
      : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (status === 401) headers['www-authenticate'] = bearerChallenge(error.details);
  return c.body(JSON.stringify(problem), status, headers);
}

/**
 * RFC 6750 section 3: a request without a token gets the bare challenge; a refused token gets
 * `error` and an ASCII `error_description` (expired or invalid), which the body repeats.
 */
function bearerChallenge(details: Readonly<Record<string, unknown>>): string {
  const quoted = (value: unknown) => `"${String(value).replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '')}"`;
  const parameters = ['realm="lien-thong-gateway"'];
  if (details.error === 'invalid_token') {
    parameters.push(`error=${quoted(details.error)}`);
    if (details.error_description !== undefined)
      parameters.push(`error_description=${quoted(details.error_description)}`);
  }
  return `Bearer ${parameters.join(', ')}`;
}
