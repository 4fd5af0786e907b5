// The pages of the registries kept only through the API and forms (private networks, data rooms,
// connection targets): a filterable, sortable list with "load more", "含已停用", a detail panel listing
// the record's fields, and — for those who may — add, edit and retire through the registry form, with the
// record's history one click away. Filters, sort and the selected record are mirrored in the URL.

import { t, fmt } from './i18n.js';
import { el, badge } from './dom.js';
import { enumBadge, enumLabel, rowProps, detailItem, detailSection, yesNo } from './registry.js';
import { RegistryListPage } from './registry-list.js';
import { REGISTRY_FORMS, recordActions } from './registry-form.js';

const money = (value) => (value === null || value === undefined ? null : t('common.yuan', { amount: fmt.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }));
const percent = (value) => (value === null || value === undefined ? null : `${fmt.number(value)}%`);

/** How each kind of field reads in the detail panel. */
function shown(page, f, record) {
  const value = record[f.name];
  if (value === null || value === undefined || value === '') return null;
  switch (f.type) {
    case 'enum': return enumBadge(f.kind, String(value)) ?? enumLabel(f.kind, value);
    case 'bool': return yesNo(value);
    case 'date': return fmt.day(value);
    case 'ref': return f.ref === 'organisation' ? page.orgs.name(value) : el('span', { class: 'mono', text: value });
    case 'number':
      if (f.name === 'annualOmCost') return money(value);
      if (f.name === 'utilisationPercent') return percent(value);
      return fmt.number(value);
    default: return String(value);
  }
}

/**
 *   prefix   element id prefix (see registry-list.js)
 *   form     REGISTRY_FORMS key
 *   path     list endpoint
 *   selects  the filter <select>s besides the organisation
 *   columns(record) the cells of a row after code and name
 */
export function startFacilityPage({ prefix, form, path, selects, columns, headKey }) {
  const def = REGISTRY_FORMS[form];
  const page = new RegistryListPage({
    prefix,
    path,
    selects,
    moreFilters: () => ({ includeRetired: document.getElementById(`${prefix}-include-retired`).checked ? 'true' : null }),
    watch: [`${prefix}-include-retired`],
    restore: (params) => {
      document.getElementById(`${prefix}-include-retired`).checked = params.get('includeRetired') === 'true';
    },
    row: (r, selected) => el('tr', rowProps(r.code, selected, r.retiredAt ? 'retired' : ''),
      el('td', { class: 'mono code-cell', text: r.code }),
      el('td', { class: 'name-cell' }, el('span', { class: 'strong', text: r.name })),
      columns(r, page)),
    showDetail: (r) => {
      const { detail } = page;
      detail.show(
        detail.head(r.name, r.retiredAt ? badge(t('registry.retired'), 'neutral') : null),
        detailSection(t(headKey),
          ...def.fields.map((f) => detailItem(t(f.label), shown(page, f, r), { mono: Boolean(f.mono) })),
          r.retiredAt ? detailItem(t('registry.retiredAt'), fmt.dateTime(r.retiredAt)) : null),
        recordActions({ def, me: page.me, record: r, onChanged: (record) => page.recordChanged(record) }));
    },
    form: def,
  });
  page.start();
  return page;
}
