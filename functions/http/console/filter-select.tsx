/**
 * A filter form's choice of one value, or of all (the empty value): the label, the list, and the
 * current choice marked, as every console list page asks it.
 */
export function FilterSelect<Value extends string>(props: {
  readonly label: string;
  readonly name: string;
  /** What the empty choice reads, in the page's language. */
  readonly all: string;
  readonly values: readonly Value[];
  /** What a value reads as, in the page's language; the value itself when absent. */
  readonly text?: (value: Value) => string;
  readonly selected: string | undefined;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.all}</option>
        {props.values.map((value) => (
          <option value={value} selected={props.selected === value}>
            {props.text ? props.text(value) : value}
          </option>
        ))}
      </select>
    </label>
  );
}
