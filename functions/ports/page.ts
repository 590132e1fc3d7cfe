/** What a listing asks for: at most `limit` items, from where the `cursor` of the page before stopped. */
export interface PageQuery {
  readonly limit: number;
  readonly cursor?: string;
}

/** One page of a listing; `cursor`, opaque to the caller, is there while more may follow. */
export interface Page<Item> {
  items: Item[];
  cursor?: string;
}
