import type * as z from 'zod';

/**
 * Reads a stored item through its kind's schema: the one way an adapter turns an item into a
 * domain value (no casts). Layout attributes (keys, index entries, TTL) are left out by the
 * schemas, which strip what they do not declare. An item that does not match is not a bad
 * request but damaged or foreign data: the error names the item and what is wrong with it.
 */
export function parseItem<Schema extends z.ZodType>(
  schema: Schema,
  item: Record<string, unknown>,
  kind: string,
): z.output<Schema> {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const where = `${String(item.pk ?? '?')} / ${String(item.sk ?? '?')}`;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`,
  );
  throw new Error(`stored ${kind} ${where} is not readable: ${problems.join('; ')}`, { cause: parsed.error });
}
