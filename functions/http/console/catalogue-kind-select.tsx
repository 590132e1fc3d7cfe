import { type CatalogueKind, catalogueKinds } from '../../../contracts/national-catalogues';
import type { TextKey } from './console-text';

export const catalogueKindLabels: Readonly<Record<CatalogueKind, TextKey>> = {
  procedures: 'kindProcedures',
  agencies: 'kindAgencies',
  fields: 'kindFields',
};

/** The choice of a catalogue kind, as the catalogue, mapping and unmapped-code pages ask it. */
export function CatalogueKindSelect(props: {
  readonly t: (key: TextKey) => string;
  readonly selected: CatalogueKind;
}) {
  return (
    <label>
      {props.t('catalogueKind')}
      <select name="kind">
        {catalogueKinds.map((kind) => (
          <option value={kind} selected={props.selected === kind}>
            {props.t(catalogueKindLabels[kind])}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The kind a page was asked for; procedures when absent or unknown. */
export const kindOf = (value: string | undefined): CatalogueKind =>
  catalogueKinds.find((kind) => kind === value) ?? 'procedures';
