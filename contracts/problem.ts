import * as z from 'zod';

/** RFC 9457 problem details, with the field errors a caller needs to fix its request. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stable machine-readable error code, e.g. request.invalid' }),
    errors: z
      .array(z.object({ path: z.string().meta({ example: '$.applicant.idNumber' }), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = NonNullable<Problem['errors']>[number];
