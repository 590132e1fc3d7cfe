import * as z from 'zod';

/**
 * The building blocks of the admin API's lists: a whole list, or a page of a longer one read a
 * page at a time (the cursor of a page answers where the next starts).
 */

/** How many items a page holds: at most 200, 50 unless the caller says. */
export const pageLimitSchema = z.coerce.number().int().min(1).max(200).default(50);

/** Where the page starts: the cursor the previous page answered; the first page without it. */
export const pageCursorSchema = z.string().max(2000).optional();

/** A page of a list: its items and, unless it is the last, the cursor of the next page. */
export function pageSchema<Item extends z.ZodType>(item: Item, id: string) {
  return z.object({ items: z.array(item), cursor: z.string().optional() }).meta({ id });
}

/** A list short enough to answer whole. */
export function listSchema<Item extends z.ZodType>(item: Item, id: string) {
  return z.object({ items: z.array(item) }).meta({ id });
}
