import * as z from 'zod';
import { problemSchema } from '../../contracts/problem';

/** The routes that take a bearer token from POST /oauth/token (the scheme api-docs registers). */
export const bearerAuth = [{ bearerAuth: [] }];

/** An answer or a body of `schema`, as JSON. */
export const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const problemContent = { 'application/problem+json': { schema: problemSchema } };

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/** Refusals of a route that needs a token. */
export const tokenRefusals = { 401: 'Missing or invalid token' } as const;
/** Refusals of a route that reads a JSON body. */
export const bodyRefusals = { 413: 'Body too large', 415: 'Not JSON' } as const;

/**
 * A route's refusals for its OpenAPI document: each status with what it means here, answered
 * as problem+json (functions/http/problem-response.ts).
 */
export function problems<const Refusals extends Partial<Record<ProblemStatus, string>>>(refusals: Refusals) {
  return Object.fromEntries(
    Object.entries(refusals).map(([status, description]) => [
      status,
      { description, content: problemContent },
    ]),
  ) as { [Status in keyof Refusals]: { description: string; content: typeof problemContent } };
}

/** The optional `Idempotency-Key` header of a write: printable ASCII, at most 255 characters. */
export function idempotencyKeyHeader(description?: string) {
  const key = z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key chỉ gồm ký tự ASCII in được / printable ASCII only')
    .optional();
  return z.object({ 'idempotency-key': description ? key.meta({ description }) : key });
}
