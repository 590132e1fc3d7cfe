import * as z from 'zod';
import './bilingual-issue-message';

/** `pii:read` lets an administrator see personal data unmasked in the admin console. */
export const scopes = [
  'dossiers:write',
  'payments:write',
  'admin',
  'pii:read',
  'national:push',
  'feedback:write',
] as const;
export const scopeSchema = z.enum(scopes);
export type Scope = z.infer<typeof scopeSchema>;

/** RFC 6749 section 4.4: client credentials grant, accepted as a form or as JSON. */
export const tokenRequestSchema = z
  .object({
    grant_type: z.literal('client_credentials', {
      message: 'Chỉ hỗ trợ client_credentials / Only grant_type=client_credentials is supported',
    }),
    client_id: z.string().min(1).max(200),
    client_secret: z.string().min(1).max(500),
    scope: z.string().max(500).optional(),
  })
  .meta({
    id: 'TokenRequest',
    example: {
      grant_type: 'client_credentials',
      client_id: 'demo-province',
      client_secret: 'demo-secret',
      scope: 'dossiers:write',
    },
  });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive(),
    scope: z.string(),
  })
  .meta({ id: 'TokenResponse' });

/** RFC 7517 key set of the token signing keys: public members only. */
export const jwksSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.string(),
        crv: z.string(),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.string(),
        use: z.literal('sig'),
      }),
    ),
  })
  .meta({ id: 'JsonWebKeySet' });
