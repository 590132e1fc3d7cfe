import type { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  rotatedClientSecretSchema,
  rotatedWebhookSecretSchema,
  secretRotationSchema,
  systemChangeSchema,
  systemCredentialsSchema,
  systemIdSchema,
  systemListSchema,
  systemRegistrationSchema,
  systemViewSchema,
} from '../../../contracts/connected-systems';
import { actorOf } from '../../application/audit-actor';
import type { ApiDependencies } from '../api-dependencies';
import type { AppEnv } from '../app-env';
import { bodyRefusals, json } from '../openapi-parts';
import { adminProblems, adminRoute } from './admin-route';

const idParams = z.object({ id: systemIdSchema });
const rotationBody = { required: false, content: json(secretRotationSchema) } as const;

/**
 * Connected systems for the security role and admin clients (issue 19, DESIGN.md "Operating the
 * gateway"): secrets are answered once, by the calls that issue them; every write is audited.
 */
export function registerSystemRoutes(app: OpenAPIHono<AppEnv>, deps: ApiDependencies) {
  app.openapi(
    adminRoute(deps.tokens, {
      method: 'post',
      path: '/v1/admin/systems',
      summary:
        'Register a connected system (a province’s one-stop system, the national portal, an admin tool) and issue its secrets, shown this once',
      request: { body: { required: true, content: json(systemRegistrationSchema) } },
      responses: {
        201: { description: 'Registered; keep the secrets now', content: json(systemCredentialsSchema) },
        ...adminProblems({
          ...bodyRefusals,
          409: 'The id is taken, or an agency grant overlaps another system’s (named in the detail)',
          422: 'The webhook URL is refused: not https, a private address, or a host that does not resolve',
        }),
      },
    }),
    async (c) => c.json(await deps.systems.register(c.req.valid('json'), actorOf(c.var.caller)), 201),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/systems',
      summary: 'Every connected system, by name; never a secret',
      responses: { 200: { description: 'The systems', content: json(systemListSchema) }, ...adminProblems() },
    }),
    async (c) => c.json({ items: await deps.systems.list() }, 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'get',
      path: '/v1/admin/systems/{id}',
      summary: 'One connected system; never a secret',
      request: { params: idParams },
      responses: {
        200: { description: 'The system', content: json(systemViewSchema) },
        ...adminProblems({ 404: 'No such system' }),
      },
    }),
    async (c) => c.json(await deps.systems.show(c.req.valid('param').id), 200),
  );

  app.openapi(
    adminRoute(deps.tokens, {
      method: 'patch',
      path: '/v1/admin/systems/{id}',
      summary:
        'Change a system’s name, agency grants or webhook URL, or disable it (its tokens stop within 30 s)',
      request: { params: idParams, body: { required: true, content: json(systemChangeSchema) } },
      responses: {
        200: { description: 'The system as changed', content: json(systemViewSchema) },
        ...adminProblems({
          ...bodyRefusals,
          404: 'No such system',
          409: 'An agency grant overlaps another system’s, or the system changed meanwhile',
          422: 'The webhook URL is refused',
        }),
      },
    }),
    async (c) =>
      c.json(
        await deps.systems.change(c.req.valid('param').id, c.req.valid('json'), actorOf(c.var.caller)),
        200,
      ),
  );

  const rotations = [
    {
      path: '/v1/admin/systems/{id}/client-secret',
      summary:
        'Issue a new client secret, shown once; the previous one keeps working until previousValidUntil',
      answer: rotatedClientSecretSchema,
      rotate: deps.systems.rotateClientSecret,
    },
    {
      path: '/v1/admin/systems/{id}/webhook-secret',
      summary:
        'Issue a new webhook signing secret, shown once; until previousValidUntil each webhook carries both signatures',
      answer: rotatedWebhookSecretSchema,
      rotate: deps.systems.rotateWebhookSecret,
    },
  ] as const;
  for (const { path, summary, answer, rotate } of rotations) {
    app.openapi(
      adminRoute(deps.tokens, {
        method: 'post',
        path,
        summary,
        request: { params: idParams, body: rotationBody },
        responses: {
          201: { description: 'The new secret', content: json(answer) },
          ...adminProblems({ ...bodyRefusals, 404: 'No such system', 409: 'The system changed meanwhile' }),
        },
      }),
      async (c) =>
        c.json(
          await rotate(
            c.req.valid('param').id,
            secretRotationSchema.parse(c.req.valid('json') ?? {}),
            actorOf(c.var.caller),
          ),
          201,
        ),
    );
  }
}
