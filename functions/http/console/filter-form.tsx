import type { Child } from 'hono/jsx';
import type { TextKey } from './console-text';

/**
 * A list page's filter: a GET form of its fields, named Filter for screen readers, that sends
 * them back to the page with its Filter button.
 */
export function FilterForm(props: {
  readonly action: string;
  readonly t: (key: TextKey) => string;
  readonly children: Child;
}) {
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.t('filter')}>
      {props.children}
      <button type="submit">{props.t('filter')}</button>
    </form>
  );
}
