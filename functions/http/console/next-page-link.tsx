import type { TextKey } from './console-text';

/**
 * The link to a list's next page: the same filter with the cursor the last read answered, or
 * nothing on the last page.
 */
export function NextPageLink(props: {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly cursor: string | undefined;
  readonly t: (key: TextKey) => string;
}) {
  if (!props.cursor) return null;
  const next = new URLSearchParams({ ...props.query, cursor: props.cursor });
  return (
    <p>
      <a href={`${props.path}?${next.toString()}`}>{props.t('next')}</a>
    </p>
  );
}
