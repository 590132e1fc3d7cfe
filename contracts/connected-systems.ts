import * as z from 'zod';
import { agencyCodeSchema } from './codes';
import { listSchema } from './lists';
import { scopeSchema } from './oauth';

/**
 * Connected systems (issue 19, DESIGN.md "Operating the gateway"): the API clients of the
 * gateway as operators register them. A system is an OAuth client: its `systemId` is its
 * `clientId`. Secrets appear only in the answers that issue them, never in a view.
 */

/**
 * province: a provincial one-stop system (pushes dossiers, receives webhooks); national: the
 * national portal's account (pushes); admin: an operator's tool on the admin API (the first one
 * is written by `npm run admin -- bootstrap`).
 */
export const systemKinds = ['province', 'national', 'admin'] as const;
export const systemKindSchema = z.enum(systemKinds);
export type SystemKind = z.infer<typeof systemKindSchema>;

/** The id a new system takes: it becomes its OAuth client_id, so it stays safe in URLs, keys and logs. */
export const systemIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'a-z, 0-9 and -, 3 to 63 characters, starting with a letter or digit')
  .meta({ description: 'The system id, which is also its OAuth client_id', example: 'vnpt-igate-h12' });

/**
 * The id of a system that already exists. Clients configured before systems were registered
 * through the admin API (the CLIENTS setting, the local runtime's config) may carry capitals,
 * dots, underscores or fewer than 3 characters; their endpoints must stay reachable, so this
 * pattern allows them beside every strict `systemIdSchema` id (which it contains).
 */
export const existingSystemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'Mã hệ thống không hợp lệ / Invalid system id (its client id)')
  .meta({ description: "The connected system's id: its OAuth client id", example: 'demo-province' });

/** An exact agency code, or every unit of a province or ministry by its last group (`*.H12`). */
export const agencyGrantSchema = z.union([
  agencyCodeSchema,
  z
    .string()
    .regex(/^\*\.[HG]\d{2}$/, 'an agency code, or *.Hnn for every unit of a province (*.Gnn of a ministry)'),
]);

const nameSchema = z
  .string()
  .trim()
  .min(3)
  .max(120)
  .meta({ example: 'Một cửa điện tử tỉnh H12 (VNPT iGate)' });
const agenciesSchema = z.array(agencyGrantSchema).max(200);
const webhookUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({
    description:
      'Where the gateway delivers webhooks: https on a public address (the local runtime also takes http on loopback)',
    example: 'https://motcua.h12.gov.vn/lien-thong/webhooks',
  });

export const systemRegistrationSchema = z
  .strictObject({
    systemId: systemIdSchema.optional().meta({ description: 'Chosen by the gateway when absent' }),
    name: nameSchema,
    kind: systemKindSchema,
    agencies: agenciesSchema,
    scopes: z.array(scopeSchema).min(1).max(5).optional().meta({
      description:
        'Default by kind: province dossiers:write payments:write feedback:write; national national:push; admin admin',
    }),
    webhookUrl: webhookUrlSchema.optional(),
  })
  .meta({ id: 'SystemRegistration' });
export type SystemRegistration = z.output<typeof systemRegistrationSchema>;

export const systemChangeSchema = z
  .strictObject({
    name: nameSchema.optional(),
    agencies: agenciesSchema.optional(),
    webhookUrl: webhookUrlSchema.optional(),
    disabled: z
      .boolean()
      .optional()
      .meta({ description: 'A disabled system cannot get tokens; its tokens stop within 30 s' }),
  })
  .meta({ id: 'SystemChange' });
export type SystemChange = z.output<typeof systemChangeSchema>;

export const secretRotationSchema = z
  .strictObject({
    previousValidForSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(24 * 3600)
      .meta({
        description: 'How long the previous secret keeps working (0: it stops now); one day by default',
      }),
  })
  .meta({ id: 'SecretRotation' });
export type SecretRotation = z.output<typeof secretRotationSchema>;

export const systemViewSchema = z
  .object({
    systemId: systemIdSchema,
    clientId: systemIdSchema,
    name: z.string(),
    kind: systemKindSchema,
    agencies: z.array(z.string()),
    scopes: z.array(scopeSchema),
    webhookUrl: z.string().optional(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    previousClientSecretValidUntil: z.iso.datetime({ offset: true }).optional().meta({
      description: 'While a rotation overlaps: when the previous client secret stops working',
    }),
    previousWebhookSecretValidUntil: z.iso.datetime({ offset: true }).optional().meta({
      description: 'While a rotation overlaps: until when webhooks also carry the previous signature',
    }),
  })
  .meta({ id: 'ConnectedSystem' });
export type SystemView = z.infer<typeof systemViewSchema>;

export const systemListSchema = listSchema(systemViewSchema, 'ConnectedSystemList');

export const systemCredentialsSchema = z
  .object({
    systemId: systemIdSchema,
    clientId: systemIdSchema,
    clientSecret: z.string().meta({ description: 'Shown once; the gateway keeps only its hash' }),
    webhookSecret: z.string().optional().meta({
      description: 'Standard Webhooks signing secret (whsec_…), shown once; province systems only',
    }),
  })
  .meta({ id: 'SystemCredentials' });
export type SystemCredentials = z.infer<typeof systemCredentialsSchema>;

export const rotatedClientSecretSchema = z
  .object({ clientSecret: z.string(), previousValidUntil: z.iso.datetime({ offset: true }) })
  .meta({ id: 'RotatedClientSecret' });

export const rotatedWebhookSecretSchema = z
  .object({ webhookSecret: z.string(), previousValidUntil: z.iso.datetime({ offset: true }) })
  .meta({ id: 'RotatedWebhookSecret' });
