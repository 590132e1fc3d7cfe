import type { Child } from 'hono/jsx';

/** One line of a facts list: what it is, and its value; false or undefined leaves the line out. */
export type Fact = readonly [term: string, value: Child] | false | undefined;

/** A record's facts as a definition list (term, value), as the console shows one thing at a time. */
export function Facts(props: { readonly label?: string; readonly facts: readonly Fact[] }) {
  return (
    <dl class="facts" aria-label={props.label}>
      {props.facts.map((fact) =>
        fact ? (
          <>
            <dt>{fact[0]}</dt>
            <dd>{fact[1]}</dd>
          </>
        ) : null,
      )}
    </dl>
  );
}
