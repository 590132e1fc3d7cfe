import { type CatalogueKind, catalogueKinds } from '../../../contracts/national-catalogues';
import type { TextKey } from './console-text';

export const catalogueKindLabels: Readonly<Record<CatalogueKind, TextKey>> = {
  procedures: 'kindProcedures',
  agencies: 'kindAgencies',
  fields: 'kindFields',
};

/** The choice of a catalogue kind. */
function CatalogueKindSelect(props: {
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

/** A kind and a search, as the catalogue and mapping pages ask them. */
export function CatalogueSearchForm(props: {
  readonly t: (key: TextKey) => string;
  readonly action: string;
  readonly kind: CatalogueKind;
  readonly q: string;
}) {
  const { t } = props;
  return (
    <form method="get" action={props.action} class="filters" aria-label={t('search')}>
      <CatalogueKindSelect t={t} selected={props.kind} />
      <label>
        {t('searchWords')}
        <input name="q" value={props.q} maxlength={200} />
      </label>
      <button type="submit">{t('search')}</button>
    </form>
  );
}

/** The kind a page was asked for; procedures when absent or unknown. */
export const kindOf = (value: string | undefined): CatalogueKind =>
  catalogueKinds.find((kind) => kind === value) ?? 'procedures';
