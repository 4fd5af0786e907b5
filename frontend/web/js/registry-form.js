// Create, edit and retire registry records in the browser, and see a record's history.
//
// One form for every registry (systems, catalogue resources, private networks, data rooms, connection
// targets, organisations), built from the field lists below:
// - choices are drop-downs of the Chinese labels; references to other records (organisation, system,
//   network, data room, catalogue resource) are searchable pickers that only accept a listed record;
// - the server's refusals are shown beside each field, in the reader's language (problem.<code>);
// - a record is edited at the version it was read at (ETag): the save sends it back (If-Match), and a
//   change someone else saved meanwhile is refused (409 editConflict) with a clear message, never
//   overwritten;
// - retiring asks for confirmation and a reason (kept in the audit trail);
// - the record's history (from the audit trail) is one click away.
// Only those who may change a record see the controls (the office: all; a department: its own); the
// server refuses everyone else anyway.

import { api } from './api.js';
import { t, tEnum, fmt, hasMessage } from './i18n.js';
import { el, debounce, renderError, clearFormErrors, showFormErrors, problemLines } from './dom.js';
import { ENUMS, enumLabel, isScoped } from './registry.js';

const enc = encodeURIComponent;

// ---- Registries -------------------------------------------------------------------------

const CODE = { name: 'code', label: 'field.code', type: 'text', createOnly: true, required: true, mono: true };

/** Each registry: where its records live, who owns one, and its fields in form order. */
export const REGISTRY_FORMS = {
  system: {
    title: 'form.entity.system',
    createUrl: '/api/v1/systems',
    url: (code) => `/api/v1/systems/${enc(code)}`,
    retireUrl: (code) => `/api/v1/systems/${enc(code)}/retire`,
    historyUrl: (code) => `/api/v1/systems/${enc(code)}/history`,
    owner: (r) => r.organisationCode,
    fields: [
      { ...CODE, hint: 'form.hint.code' },
      { name: 'organisationCode', label: 'system.field.organisation', type: 'ref', ref: 'organisation', required: true, owner: true },
      { name: 'name', label: 'system.field.name', type: 'text', required: true },
      { name: 'purpose', label: 'system.field.purpose', type: 'textarea' },
      { name: 'fundingType', label: 'system.field.fundingType', type: 'enum', kind: 'fundingType', required: true },
      // retiring goes through the retire action (with its reason), not through this choice
      { name: 'lifecycleStatus', label: 'system.field.lifecycleStatus', type: 'enum', kind: 'lifecycleStatus', required: true, omit: ['RETIRED'] },
      { name: 'statusSince', label: 'system.field.statusSince', type: 'date' },
      { name: 'deployment', label: 'system.field.deployment', type: 'enum', kind: 'deployment', required: true },
      { name: 'dataRoomCode', label: 'system.field.dataRoomCode', type: 'ref', ref: 'dataRoom', scope: 'organisationCode' },
      { name: 'network', label: 'system.field.network', type: 'enum', kind: 'network', required: true },
      { name: 'privateNetworkCode', label: 'system.field.privateNetworkCode', type: 'ref', ref: 'network', scope: 'organisationCode' },
      { name: 'migrationPlannedOn', label: 'system.field.migrationPlannedOn', type: 'date' },
      { name: 'mustConnect', label: 'system.field.mustConnect', type: 'bool', required: true },
      { name: 'platformConnectedOn', label: 'system.field.platformConnectedOn', type: 'date' },
      { name: 'protectionLevel', label: 'system.field.protectionLevel', type: 'enum', kind: 'protectionLevel', numeric: true },
      { name: 'protectionAssessedOn', label: 'system.field.protectionAssessedOn', type: 'date' },
      { name: 'containsSecrets', label: 'system.field.containsSecrets', type: 'bool' },
      { name: 'annualOmCost', label: 'system.field.annualOmCost', type: 'number', step: '0.01' },
      { name: 'exchangeAliases', label: 'system.field.exchangeAliases', type: 'lines', hint: 'form.hint.lines' },
    ],
  },
  catalogue: {
    title: 'form.entity.catalogue',
    createUrl: '/api/v1/catalogue',
    url: (code) => `/api/v1/catalogue/resource?code=${enc(code)}`,
    retireUrl: (code) => `/api/v1/catalogue/resource/retire?code=${enc(code)}`,
    historyUrl: (code) => `/api/v1/catalogue/resource/history?code=${enc(code)}`,
    owner: (r) => r.providerOrganisationCode,
    fields: [
      { ...CODE, label: 'catalogue.field.code', hint: 'form.hint.resourceCode' },
      { name: 'name', label: 'catalogue.field.name', type: 'text', required: true },
      { name: 'providerOrganisationCode', label: 'catalogue.field.provider', type: 'ref', ref: 'organisation', required: true, owner: true },
      { name: 'category', label: 'catalogue.field.category', type: 'enum', kind: 'category', numeric: true, required: true },
      { name: 'className', label: 'catalogue.field.className', type: 'text' },
      { name: 'itemName', label: 'catalogue.field.itemName', type: 'text' },
      { name: 'subitemName', label: 'catalogue.field.subitemName', type: 'text' },
      { name: 'detailName', label: 'catalogue.field.detailName', type: 'text' },
      { name: 'abstract', label: 'catalogue.field.abstract', type: 'textarea' },
      { name: 'format', label: 'catalogue.field.format', type: 'enum', kind: 'format', required: true },
      { name: 'items', label: 'catalogue.field.items', type: 'items' },
      { name: 'sharingType', label: 'catalogue.field.sharingType', type: 'enum', kind: 'sharingType', required: true },
      { name: 'sharingCondition', label: 'catalogue.field.sharingCondition', type: 'text' },
      { name: 'notSharedBasis', label: 'catalogue.field.notSharedBasis', type: 'text' },
      { name: 'sharingMethod', label: 'catalogue.field.sharingMethod', type: 'enum', kind: 'sharingMethod' },
      { name: 'openAttribute', label: 'catalogue.field.openAttribute', type: 'enum', kind: 'openAttribute', required: true },
      { name: 'updateCycle', label: 'catalogue.field.updateCycle', type: 'enum', kind: 'updateCycle', required: true },
      { name: 'releasedOn', label: 'catalogue.field.releasedOn', type: 'date' },
      { name: 'relatedCodes', label: 'catalogue.field.relatedCodes', type: 'refList', ref: 'catalogue' },
      { name: 'baseDatabases', label: 'catalogue.field.baseDatabases', type: 'multiEnum', kind: 'baseDatabase' },
      { name: 'mounted', label: 'catalogue.field.mounted', type: 'bool' },
      { name: 'mountedSince', label: 'catalogue.field.mountedSince', type: 'date' },
      { name: 'sourceSystemCode', label: 'catalogue.field.sourceSystem', type: 'ref', ref: 'system' },
    ],
  },
  network: {
    title: 'form.entity.network',
    createUrl: '/api/v1/networks',
    url: (code) => `/api/v1/networks/${enc(code)}`,
    retireUrl: (code) => `/api/v1/networks/${enc(code)}/retire`,
    historyUrl: (code) => `/api/v1/networks/${enc(code)}/history`,
    owner: (r) => r.organisationCode,
    fields: [
      { ...CODE, hint: 'form.hint.facilityCode' },
      { name: 'organisationCode', label: 'network.field.organisation', type: 'ref', ref: 'organisation', required: true, owner: true },
      { name: 'name', label: 'network.field.name', type: 'text', required: true },
      { name: 'purpose', label: 'network.field.purpose', type: 'textarea' },
      { name: 'classified', label: 'network.field.classified', type: 'bool' },
      { name: 'utilisationPercent', label: 'network.field.utilisationPercent', type: 'number', step: '0.01' },
      { name: 'utilisationMeasuredOn', label: 'network.field.utilisationMeasuredOn', type: 'date' },
      { name: 'migrationStatus', label: 'network.field.migrationStatus', type: 'enum', kind: 'migrationStatus', required: true },
      { name: 'migrationPlannedOn', label: 'network.field.migrationPlannedOn', type: 'date' },
      { name: 'migratedOn', label: 'network.field.migratedOn', type: 'date' },
      { name: 'builtOn', label: 'network.field.builtOn', type: 'date' },
      { name: 'annualOmCost', label: 'network.field.annualOmCost', type: 'number', step: '0.01' },
    ],
  },
  dataRoom: {
    title: 'form.entity.dataRoom',
    createUrl: '/api/v1/data-rooms',
    url: (code) => `/api/v1/data-rooms/${enc(code)}`,
    retireUrl: (code) => `/api/v1/data-rooms/${enc(code)}/retire`,
    historyUrl: (code) => `/api/v1/data-rooms/${enc(code)}/history`,
    owner: (r) => r.organisationCode,
    fields: [
      { ...CODE, hint: 'form.hint.facilityCode' },
      { name: 'organisationCode', label: 'dataRoom.field.organisation', type: 'ref', ref: 'organisation', required: true, owner: true },
      { name: 'name', label: 'dataRoom.field.name', type: 'text', required: true },
      { name: 'location', label: 'dataRoom.field.location', type: 'text' },
      { name: 'purpose', label: 'dataRoom.field.purpose', type: 'textarea' },
      { name: 'areaSquareMetres', label: 'dataRoom.field.areaSquareMetres', type: 'number', step: '0.1' },
      { name: 'utilisationPercent', label: 'dataRoom.field.utilisationPercent', type: 'number', step: '0.01' },
      { name: 'migrationStatus', label: 'dataRoom.field.migrationStatus', type: 'enum', kind: 'migrationStatus', required: true },
      { name: 'migrationPlannedOn', label: 'dataRoom.field.migrationPlannedOn', type: 'date' },
      { name: 'migratedOn', label: 'dataRoom.field.migratedOn', type: 'date' },
      { name: 'builtOn', label: 'dataRoom.field.builtOn', type: 'date' },
      { name: 'annualOmCost', label: 'dataRoom.field.annualOmCost', type: 'number', step: '0.01' },
    ],
  },
  target: {
    title: 'form.entity.target',
    createUrl: '/api/v1/connection-targets',
    url: (code) => `/api/v1/connection-targets/${enc(code)}`,
    retireUrl: (code) => `/api/v1/connection-targets/${enc(code)}/retire`,
    historyUrl: (code) => `/api/v1/connection-targets/${enc(code)}/history`,
    owner: (r) => r.organisationCode,
    fields: [
      { ...CODE, hint: 'form.hint.code' },
      { name: 'systemCode', label: 'target.field.system', type: 'ref', ref: 'system', required: true },
      { name: 'kind', label: 'target.field.kind', type: 'enum', kind: 'targetKind', required: true },
      { name: 'name', label: 'target.field.name', type: 'text', required: true },
      { name: 'probe', label: 'target.field.probe', type: 'enum', kind: 'probe', required: true },
      { name: 'address', label: 'target.field.address', type: 'text', hint: 'form.hint.address', mono: true },
      { name: 'intervalSeconds', label: 'target.field.intervalSeconds', type: 'number', step: '1' },
      { name: 'downAfter', label: 'target.field.downAfter', type: 'number', step: '1' },
      { name: 'upAfter', label: 'target.field.upAfter', type: 'number', step: '1' },
      { name: 'enabled', label: 'target.field.enabled', type: 'bool' },
    ],
  },
  organisation: {
    title: 'form.entity.organisation',
    createUrl: '/api/v1/organisations',
    url: (code) => `/api/v1/organisations/${enc(code)}`,
    retireUrl: (code) => `/api/v1/organisations/${enc(code)}/retire`,
    historyUrl: (code) => `/api/v1/organisations/${enc(code)}/history`,
    owner: (r) => r.code,
    adminOnly: true, // a department changes its own contacts only (contactFields)
    contactUrl: (code) => `/api/v1/organisations/${enc(code)}/contact`,
    contactFields: ['contactPerson', 'contactPhone'],
    fields: [
      { ...CODE, hint: 'form.hint.orgCode' },
      { name: 'name', label: 'field.name', type: 'text', required: true },
      { name: 'nameEn', label: 'field.nameEn', type: 'text' },
      { name: 'type', label: 'field.type', type: 'enum', kind: 'orgType', labels: 'org.type', required: true },
      { name: 'parentCode', label: 'field.parent', type: 'ref', ref: 'organisation' },
      { name: 'unifiedCode', label: 'field.unifiedCode', type: 'text', mono: true },
      { name: 'contactPerson', label: 'field.contactPerson', type: 'text' },
      { name: 'contactPhone', label: 'field.contactPhone', type: 'text', mono: true },
    ],
  },
};

// ---- Who may change what ----------------------------------------------------------------

/** The office changes every record; a department those its own organisation owns. */
export function canChange(me, def, record) {
  if (me?.role === 'EGOV_ADMIN') return true;
  if (me?.role !== 'DEPARTMENT' || !me.organisation) return false;
  if (def.adminOnly && !def.contactFields) return false;
  return record ? def.owner(record) === me.organisation.code : true;
}

/** May this person add records to the registry? */
export function canCreate(me, def) {
  if (me?.role === 'EGOV_ADMIN') return true;
  return me?.role === 'DEPARTMENT' && !def.adminOnly;
}

/** Fields a person may edit on a record: all of them, or a department's contact fields of its organisation. */
function editableFields(me, def) {
  if (def.adminOnly && me?.role !== 'EGOV_ADMIN') return def.fields.filter((f) => def.contactFields?.includes(f.name));
  return def.fields;
}

// ---- Pickers ----------------------------------------------------------------------------

const label = (item) => (item.name ? `${item.name}（${item.code}）` : item.code);

/** Where each kind of reference is looked up: records matching q (and the owning organisation, when given). */
const SOURCES = {
  organisation: async (q) => (await api.get('/api/v1/organisations', { q, size: 20 }))?.items ?? [],
  system: async (q) => (await api.get('/api/v1/systems', { q, size: 20 }))?.items ?? [],
  catalogue: async (q) => (await api.get('/api/v1/catalogue', { q, size: 20 }))?.items ?? [],
  network: async (q, organisation) => filterLocal(await api.get('/api/v1/networks', { organisation, size: 200 }), q),
  dataRoom: async (q, organisation) => filterLocal(await api.get('/api/v1/data-rooms', { organisation, size: 200 }), q),
};

const LOOKUP = {
  organisation: (code) => api.get(`/api/v1/organisations/${enc(code)}`),
  system: (code) => api.get(`/api/v1/systems/${enc(code)}`),
  catalogue: (code) => api.get('/api/v1/catalogue/resource', { code }),
  network: (code) => api.get(`/api/v1/networks/${enc(code)}`),
  dataRoom: (code) => api.get(`/api/v1/data-rooms/${enc(code)}`),
};

function filterLocal(result, q) {
  const items = result?.items ?? [];
  const needle = (q ?? '').trim().toLowerCase();
  return needle ? items.filter((i) => i.code.toLowerCase().includes(needle) || (i.name ?? '').toLowerCase().includes(needle)) : items;
}

/**
 * A searchable picker of one record: type to search, choose from the list (click, or arrows and Enter).
 * Free text is never taken as a value: what was typed without choosing is refused on the spot.
 *   value()/set(code)  the chosen code ('' for none)
 *   scope()            the owning organisation to narrow the search to (networks, data rooms)
 */
function picker({ id, ref, initial, disabled, scope }) {
  const listId = `${id}-options`;
  const input = el('input', {
    id, type: 'search', autocomplete: 'off', role: 'combobox', class: 'picker-input',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    placeholder: t('form.picker.placeholder'), disabled,
  });
  const list = el('ul', { id: listId, role: 'listbox', class: 'picker-list', hidden: true });
  const node = el('div', { class: 'picker' }, input, list);
  let value = initial ?? '';
  let shown = '';
  let options = [];
  let active = -1;

  const show = (text) => {
    shown = text;
    input.value = text;
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const choose = (item) => {
    value = item ? item.code : '';
    show(item ? label(item) : '');
    node.dataset.value = value;
    close();
    input.dispatchEvent(new CustomEvent('picker-change', { bubbles: true }));
  };
  const render = () => {
    list.replaceChildren(...(options.length
      ? options.map((item, i) => el('li', {
        role: 'option', class: i === active ? 'picker-option active' : 'picker-option', 'data-value': item.code,
        'aria-selected': i === active ? 'true' : 'false',
        onmousedown: (event) => { event.preventDefault(); choose(item); },
      }, el('span', { text: item.name ?? item.code }), ' ', el('span', { class: 'mono muted small', text: item.code })))
      : [el('li', { class: 'picker-empty muted', text: t('form.picker.none') })]));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const search = debounce(async () => {
    const asked = input.value;
    try {
      const found = await SOURCES[ref](asked.trim(), scope?.() || null);
      if (input.value !== asked || document.activeElement !== input) return;
      options = found.slice(0, 20);
      active = options.length ? 0 : -1;
      render();
    } catch (error) {
      console.warn('picker search failed', error);
    }
  }, 200);

  input.addEventListener('input', () => {
    if (!input.value.trim()) {
      choose(null);
      return;
    }
    search();
  });
  // a click opens the list (focus alone does not: a refused field gets the focus, its message must stay visible)
  input.addEventListener('click', () => { if (!disabled) search(); });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = Math.max(0, Math.min(options.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1)));
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (options[active]) choose(options[active]);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  // Leaving the field without choosing puts the chosen record back: typed text is never a value.
  input.addEventListener('blur', () => {
    close();
    if (input.value !== shown) show(value ? shown : '');
  });

  if (value) {
    const first = value;
    show(value);
    LOOKUP[ref](value).then((item) => { if (value === first && input.value === shown) show(label(item)); }).catch(() => {});
  }
  node.dataset.value = value;
  return {
    node, input,
    value: () => value,
    set: (item) => choose(item),
  };
}

/** Several records of one kind (e.g. related catalogue resources): chips with ×, and a picker to add one. */
function pickerList({ id, ref, initial }) {
  let codes = [...(initial ?? [])];
  const chips = el('ul', { class: 'chip-list' });
  const add = picker({ id, ref });
  const render = () => chips.replaceChildren(...codes.map((code) => el('li', { class: 'chip mono', 'data-value': code }, code, ' ',
    el('button', {
      type: 'button', class: 'btn-close btn-close-sm', text: '×', 'aria-label': t('form.remove', { value: code }),
      onclick: () => { codes = codes.filter((c) => c !== code); render(); },
    }))));
  add.input.addEventListener('picker-change', () => {
    const code = add.value();
    if (code && !codes.includes(code)) codes.push(code);
    add.set(null);
    render();
  });
  render();
  return { node: el('div', { class: 'picker-multi' }, chips, add.node), input: add.input, value: () => codes };
}

/** Information items (name and data type), one row each, added and removed in place. */
function itemsEditor({ id, initial }) {
  const rows = el('div', { class: 'items-rows' });
  const addRow = (item = {}) => {
    const name = el('input', { type: 'text', class: 'item-name', value: item.name ?? '', 'aria-label': t('catalogue.items.name') });
    const type = el('select', { class: 'item-type', 'aria-label': t('catalogue.items.dataType') },
      el('option', { value: '', text: t('form.choose') }),
      ENUMS.dataType.map((v) => el('option', { value: v, text: enumLabel('dataType', v), selected: item.dataType === v })));
    const row = el('div', { class: 'item-row' }, name, type,
      el('button', { type: 'button', class: 'btn btn-sm', text: t('form.items.remove'), onclick: () => row.remove() }));
    rows.append(row);
  };
  (initial ?? []).forEach(addRow);
  const addButton = el('button', { id: `${id}-add`, type: 'button', class: 'btn btn-sm', text: t('form.items.add'), onclick: () => addRow() });
  const node = el('div', { id, class: 'items-editor', tabindex: '-1' }, rows, addButton);
  return {
    node, input: node,
    value: () => [...rows.querySelectorAll('.item-row')]
      .map((r) => ({ name: r.querySelector('.item-name').value.trim() || null, dataType: r.querySelector('.item-type').value || null }))
      .filter((i) => i.name || i.dataType),
  };
}

// ---- Fields -----------------------------------------------------------------------------

const valuesOf = (f) => ENUMS[f.kind].filter((v) => !(f.omit ?? []).includes(v));
const choiceLabel = (f, v) => (f.labels ? tEnum(f.labels, v) : enumLabel(f.kind, v));

/** One form field: {name, input, message, node, value()} (the shape dom.js showFormErrors expects). */
function field(f, record, { me, isNew, locked, form }) {
  const id = `record-field-${f.name}`;
  const current = record?.[f.name];
  const readOnly = locked || (f.createOnly && !isNew);
  let control;
  let input;
  let value;
  switch (f.type) {
    case 'textarea':
      input = el('textarea', { id, name: f.name, rows: 3, disabled: readOnly });
      input.value = current ?? '';
      value = () => input.value.trim() || null;
      break;
    case 'lines':
      input = el('textarea', { id, name: f.name, rows: 3, class: 'mono', disabled: readOnly });
      input.value = (current ?? []).join('\n');
      value = () => input.value.split('\n').map((s) => s.trim()).filter(Boolean);
      break;
    case 'number':
      input = el('input', { id, name: f.name, type: 'number', step: f.step ?? 'any', inputmode: 'decimal', disabled: readOnly });
      input.value = current ?? '';
      value = () => (input.value.trim() === '' ? null : Number(input.value));
      break;
    case 'date':
      input = el('input', { id, name: f.name, type: 'date', disabled: readOnly });
      input.value = current ?? '';
      value = () => input.value || null;
      break;
    case 'bool':
      input = el('select', { id, name: f.name, disabled: readOnly },
        el('option', { value: '', text: t('form.choose') }),
        el('option', { value: 'true', text: t('common.yes'), selected: current === true }),
        el('option', { value: 'false', text: t('common.no'), selected: current === false }));
      value = () => (input.value === '' ? null : input.value === 'true');
      break;
    case 'enum':
      input = el('select', { id, name: f.name, disabled: readOnly },
        el('option', { value: '', text: t('form.choose') }),
        valuesOf(f).map((v) => el('option', { value: v, text: choiceLabel(f, v), selected: current !== null && current !== undefined && String(current) === v })));
      if (current !== null && current !== undefined && !valuesOf(f).includes(String(current))) {
        input.append(el('option', { value: String(current), text: choiceLabel(f, String(current)), selected: true }));
      }
      value = () => (input.value === '' ? null : f.numeric ? Number(input.value) : input.value);
      break;
    case 'multiEnum': {
      const boxes = valuesOf(f).map((v) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', value: v, checked: (current ?? []).includes(v), disabled: readOnly }), ' ', choiceLabel(f, v)));
      input = el('div', { id, class: 'check-group', tabindex: '-1' }, boxes);
      value = () => [...input.querySelectorAll('input:checked')].map((b) => b.value);
      break;
    }
    case 'ref': {
      const fixedOwner = f.owner && isScoped(me) && me.organisation;
      const p = picker({
        id, ref: f.ref, initial: fixedOwner && isNew ? me.organisation.code : current,
        disabled: readOnly || (fixedOwner ? true : false),
        scope: f.scope ? () => form.valueOf(f.scope) : null,
      });
      control = p.node;
      input = p.input;
      value = () => p.value() || null;
      break;
    }
    case 'refList': {
      const p = pickerList({ id, ref: f.ref, initial: current });
      control = p.node;
      input = p.input;
      value = p.value;
      break;
    }
    case 'items': {
      const p = itemsEditor({ id, initial: current });
      control = p.node;
      input = p.input;
      value = p.value;
      break;
    }
    default:
      input = el('input', { id, name: f.name, type: 'text', autocomplete: 'off', class: f.mono ? 'mono' : null, disabled: readOnly });
      input.value = current ?? '';
      value = () => input.value.trim() || null;
  }
  const message = el('div', { class: 'field-error', id: `${id}-error`, 'data-field': f.name });
  const labelFor = ['multiEnum', 'items'].includes(f.type) ? null : id;
  const node = el('div', { class: `form-field form-field-${f.type}`, 'data-field': f.name },
    el(labelFor ? 'label' : 'span', { for: labelFor, class: labelFor ? null : 'field-label', text: t(f.label) },
      f.required ? el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null),
    control ?? input,
    f.hint ? el('div', { class: 'field-hint muted small', text: t(f.hint) }) : null,
    message);
  return { name: f.name, input, message, node, value, def: f };
}

// ---- Dialogs ----------------------------------------------------------------------------

/** A modal <dialog> with a title, body and close button; removed from the page once closed. */
function dialog(id, title, ...body) {
  document.getElementById(id)?.remove();
  const box = el('dialog', { id, class: 'dialog', 'aria-labelledby': `${id}-title` },
    el('div', { class: 'dialog-head' },
      el('h2', { id: `${id}-title`, text: title }),
      el('button', { type: 'button', class: 'btn-close', text: '×', 'aria-label': t('action.close'), title: t('action.close'), onclick: () => box.close() })),
    ...body);
  box.addEventListener('close', () => box.remove());
  document.body.append(box);
  box.showModal();
  return box;
}

/**
 * The form to add a record (code null) or edit one. The record is read afresh with its version; the save
 * sends that version back. onSaved(record) runs after a successful save.
 */
export async function openRecordForm({ def, me, code = null, onSaved }) {
  const isNew = code === null;
  let base = {};
  let etag = null;
  if (!isNew) {
    const found = await api.read(def.url(code));
    base = found.data;
    etag = found.etag;
  }
  const editable = new Set(editableFields(me, def).map((f) => f.name));
  const contactOnly = !isNew && def.contactFields && me?.role !== 'EGOV_ADMIN';
  const shownFields = contactOnly ? def.fields.filter((f) => editable.has(f.name)) : def.fields;
  const form = el('form', { id: 'record-form', class: 'form record-form', novalidate: true });
  const fields = [];
  form.valueOf = (name) => fields.find((x) => x.name === name)?.value() ?? base[name] ?? null;
  for (const f of shownFields) fields.push(field(f, base, { me, isNew, locked: !editable.has(f.name), form }));
  const errorBox = el('div', { id: 'record-form-errors', class: 'form-errors', 'aria-live': 'assertive' });
  const save = el('button', { id: 'record-save', type: 'submit', class: 'btn btn-primary', text: t('action.save') });
  const cancel = el('button', { type: 'button', class: 'btn', text: t('action.cancel') });
  form.append(errorBox, el('div', { class: 'form-grid' }, fields.map((f) => f.node)),
    el('div', { class: 'form-actions' }, save, cancel));
  const title = isNew ? t('form.createTitle', { entity: t(def.title) }) : t('form.editTitle', { entity: t(def.title), name: base.name ?? code });
  const box = dialog('record-dialog', title, form);
  cancel.addEventListener('click', () => box.close());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    save.disabled = true;
    const body = { ...base };
    for (const f of fields) {
      if (editable.has(f.name) && !(f.def.createOnly && !isNew)) body[f.name] = f.value();
    }
    try {
      let saved;
      if (isNew) saved = await api.send('POST', def.createUrl, body);
      else if (contactOnly) saved = await api.send('PUT', def.contactUrl(code), { contactPerson: body.contactPerson, contactPhone: body.contactPhone }, { ifMatch: etag });
      else if (def === REGISTRY_FORMS.catalogue) saved = await api.send('PUT', '/api/v1/catalogue/resource', body, { ifMatch: etag, params: { code } });
      else saved = await api.send('PUT', def.url(code), body, { ifMatch: etag });
      box.close();
      await onSaved?.(saved.data);
    } catch (error) {
      if (error?.status === 409) conflict(errorBox, error, () => { box.close(); openRecordForm({ def, me, code, onSaved }); });
      else showFormErrors(errorBox, error, fields);
    } finally {
      save.disabled = false;
    }
  });
  fields.find((f) => !f.input.disabled)?.input.focus();
  return box;
}

/** Someone else saved first: say so, keep what was typed, and offer to start again from their version. */
function conflict(errorBox, error, reload) {
  const box = renderError(errorBox, error);
  box.setAttribute('data-code', error.problem?.code ?? '');
  box.append(el('div', { class: 'alert-actions' },
    el('button', { id: 'record-reload', type: 'button', class: 'btn btn-sm', text: t('form.conflict.reload'), onclick: reload })));
}

/** Asks for confirmation and a reason, then retires the record at the version shown. */
export async function openRetireDialog({ def, code, name, onRetired }) {
  const { etag } = await api.read(def.url(code));
  const reason = el('textarea', { id: 'retire-reason', rows: 3, required: true, maxlength: 500 });
  const message = el('div', { id: 'retire-reason-error', class: 'field-error' });
  const errorBox = el('div', { id: 'retire-errors', class: 'form-errors' });
  const confirm = el('button', { id: 'retire-confirm', type: 'submit', class: 'btn btn-danger', text: t('form.retire.confirm') });
  const cancel = el('button', { type: 'button', class: 'btn', text: t('action.cancel') });
  const form = el('form', { id: 'retire-form', class: 'form', novalidate: true },
    el('p', { text: t('form.retire.question', { entity: t(def.title), name: name ?? code }) }),
    el('p', { class: 'muted small', text: t('form.retire.explain') }),
    errorBox,
    el('div', { class: 'form-field' }, el('label', { for: 'retire-reason', text: t('form.retire.reason') }), reason, message),
    el('div', { class: 'form-actions' }, confirm, cancel));
  const box = dialog('retire-dialog', t('form.retire.title', { entity: t(def.title) }), form);
  cancel.addEventListener('click', () => box.close());
  reason.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = [{ name: 'reason', input: reason, message }];
    clearFormErrors(errorBox, fields);
    if (!reason.value.trim()) {
      message.textContent = t('form.retire.reasonRequired');
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      return;
    }
    confirm.disabled = true;
    try {
      const { data } = await api.send('POST', def.retireUrl(code), { reason: reason.value.trim() }, { ifMatch: etag });
      box.close();
      await onRetired?.(data);
    } catch (error) {
      showFormErrors(errorBox, error, fields);
    } finally {
      confirm.disabled = false;
    }
  });
  return box;
}

// ---- History ----------------------------------------------------------------------------

const IGNORED = new Set(['created_at', 'updated_at', 'version']);
const camel = (column) => column.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function shortValue(value) {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** What an event changed, in words: "系统名称：旧 → 新"; a retirement's reason. */
function changes(def, entry) {
  if (entry.action === 'RETIRE') return [t('form.history.reason', { reason: entry.after?.reason ?? '' })];
  if (entry.action !== 'UPDATE' || !entry.before || !entry.after) return [];
  const lines = [];
  for (const column of Object.keys(entry.after)) {
    if (IGNORED.has(column)) continue;
    const before = JSON.stringify(entry.before[column]);
    if (before === JSON.stringify(entry.after[column])) continue;
    const f = def.fields.find((x) => x.name === camel(column));
    const name = f ? t(f.label) : column === 'retired_at' ? t('form.history.retiredAt') : column;
    lines.push(`${name}：${shortValue(entry.before[column])} → ${shortValue(entry.after[column])}`);
  }
  return lines;
}

/** The record's history from the audit trail, newest first, in a dialog. */
export async function openHistory({ def, code, name }) {
  const list = el('ol', { id: 'history-list', class: 'history-list', 'aria-busy': 'true' });
  const box = dialog('history-dialog', t('form.history.title', { name: name ?? code }), list);
  try {
    const entries = await api.get(def.historyUrl(code));
    list.replaceChildren(...(entries?.length ? entries.map((e) => el('li', { class: 'history-entry', 'data-action': e.action },
      el('div', { class: 'history-head' },
        el('span', { class: 'strong', text: hasMessage(`audit.action.${e.action}`) ? tEnum('audit.action', e.action) : e.action }),
        el('span', { class: 'muted small', text: `${fmt.dateTime(e.occurredAt)} · ${e.actor}` })),
      el('ul', { class: 'history-changes' }, changes(def, e).map((line) => el('li', { text: line })))))
      : [el('li', { class: 'muted', text: t('form.history.empty') })]));
  } catch (error) {
    renderError(list, error);
  } finally {
    list.removeAttribute('aria-busy');
  }
  return box;
}

// ---- Detail-panel controls --------------------------------------------------------------

/**
 * The edit / retire / history buttons under a record's detail, the first two only for those who may
 * change it (and not once it is retired). onChanged(record) runs after an edit or a retirement.
 */
export function recordActions({ def, me, record, onChanged, edit = true }) {
  const code = record.code;
  const may = edit && canChange(me, def, record) && !record.retiredAt;
  const onError = (error) => renderError(errors, error);
  const errors = el('div', { class: 'record-action-errors' });
  return el('div', { class: 'detail-actions' },
    may ? el('button', {
      id: 'record-edit', type: 'button', class: 'btn btn-primary', text: t('form.edit'),
      onclick: () => openRecordForm({ def, me, code, onSaved: onChanged }).catch(onError),
    }) : null,
    may && (!def.adminOnly || me?.role === 'EGOV_ADMIN') ? el('button', {
      id: 'record-retire', type: 'button', class: 'btn btn-danger-outline', text: t('form.retire.action'),
      onclick: () => openRetireDialog({ def, code, name: record.name, onRetired: onChanged }).catch(onError),
    }) : null,
    el('button', {
      id: 'record-history', type: 'button', class: 'btn', text: t('form.history.action'),
      onclick: () => openHistory({ def, code, name: record.name }),
    }),
    errors);
}

/** Shows the "add" button of a list page to those who may add, opening the empty form. */
export function wireCreateButton(button, { def, me, onSaved }) {
  if (!button || !canCreate(me, def)) return;
  button.hidden = false;
  button.addEventListener('click', () => openRecordForm({ def, me, onSaved }).catch((error) => console.warn(error)));
}

export { problemLines };
