import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { GatewayError, type GatewayErrorCode } from '../../core/gateway-error';
import type { AppEnv } from '../app-env';
import { problems } from '../openapi-parts';
import { type ProblemType, problemCatalogue } from '../problem-catalogue';

export const PROBLEM_TYPES_PATH = '/problems';

const isKnownCode = (code: string): code is GatewayErrorCode => Object.hasOwn(problemCatalogue, code);

function ProblemTypePage(props: { readonly code: GatewayErrorCode; readonly problem: ProblemType }) {
  const { code, problem } = props;
  const [vietnamese, english] = problem.explanation;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${problem.title} · Liên thông Gateway`}</title>
      </head>
      <body>
        <main>
          <h1>{problem.title}</h1>
          <p>
            HTTP {problem.status} · <code>{code}</code>
          </p>
          <p>{vietnamese}</p>
          <p lang="en">{english}</p>
          <p>
            <a href="/docs">API</a>
          </p>
        </main>
      </body>
    </html>
  );
}

const problemTypeRoute = createRoute({
  method: 'get',
  path: `${PROBLEM_TYPES_PATH}/{code}`,
  tags: ['Operations'],
  summary: 'What a problem type means and how to fix it: the page every problem’s `type` points to',
  request: { params: z.object({ code: z.string().max(100) }) },
  responses: {
    200: {
      description: 'The explanation, in Vietnamese and English',
      content: { 'text/html': { schema: z.string() } },
    },
    ...problems({ 404: 'No such problem type' }),
  },
});

/** `type: "/problems/request.invalid"` resolves to a page (RFC 9457 section 3.1.1). */
export function registerProblemTypePages(app: OpenAPIHono<AppEnv>) {
  app.openapi(problemTypeRoute, (c) => {
    const { code } = c.req.valid('param');
    if (!isKnownCode(code))
      throw new GatewayError('route.notFound', `Không có loại lỗi ${code} / No problem type ${code}`);
    c.header('cache-control', 'public, max-age=3600');
    return c.html(<ProblemTypePage code={code} problem={problemCatalogue[code]} />, 200);
  });
}
