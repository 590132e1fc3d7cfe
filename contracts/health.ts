import * as z from 'zod';

export const dependencyHealthSchema = z.object({
  name: z.string(),
  status: z.enum(['up', 'down']),
  latencyMs: z.number(),
  detail: z.string().optional(),
});

export const healthSchema = z
  .object({ status: z.enum(['up', 'degraded', 'down']), dependencies: z.array(dependencyHealthSchema) })
  .meta({ id: 'Health' });

export type DependencyHealth = z.infer<typeof dependencyHealthSchema>;
