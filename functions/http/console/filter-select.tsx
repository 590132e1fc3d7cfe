/**
 * A filter form's choice of one value, or of all (the empty value): the label, the list, and the
 * current choice marked, as every console list page asks it.
 */
export function FilterSelect(props: {
  readonly label: string;
  readonly name: string;
  /** What the empty choice reads, in the page's language. */
  readonly all: string;
  readonly options: readonly { readonly value: string; readonly text: string }[];
  readonly selected: string | undefined;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={props.selected === option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </label>
  );
}
