// Organisations: filterable list, detail panel and — for those allowed — the contact editor.
// Filters and the selected organisation are mirrored in the URL (?type=&q=&code=) so a view
// can be bookmarked or shared.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt, getLanguage } from './i18n.js';
import { el, badge, debounce, renderError, markLoaded, clearFormErrors, showFormErrors } from './dom.js';
import { PagedList, rowProps, detailItem, queryParams, writeQuery, selectIfOffered } from './registry.js';
import { REGISTRY_FORMS, recordActions, wireCreateButton } from './registry-form.js';

// Below this width the detail panel sits under the table (see app.css), so scroll to it.
const STACKED_LAYOUT = '(max-width: 960px)';
const TYPE_TONES = { CITY: 'danger', CITY_DEPARTMENT: 'info', COUNTY_DISTRICT: 'ok', DEVELOPMENT_ZONE: 'warn' };

let me = null;
let list;
const nameCache = new Map(); // code -> name, for showing parents

const $ = (id) => document.getElementById(id);

/** EGOV_ADMIN may edit any organisation; a DEPARTMENT user only their own. */
function canEdit(org) {
  return me.role === 'EGOV_ADMIN' || (me.role === 'DEPARTMENT' && me.organisation?.code === org.code);
}

function filters() {
  return { type: $('org-type-filter').value, q: $('org-search').value.trim() };
}

function syncUrl() {
  writeQuery({ ...filters(), code: list.selected });
}

// ---- List -------------------------------------------------------------------------------

function typeBadge(type) {
  return badge(tEnum('org.type', type), TYPE_TONES[type] ?? 'neutral');
}

function statusBadge(org) {
  return org.retiredAt ? badge(t('org.status.retired'), 'neutral') : badge(t('org.status.active'), 'ok');
}

function nameCell(org) {
  const cell = el('td', {}, el('span', { class: 'strong', text: org.name }));
  if (getLanguage() === 'en' && org.nameEn) cell.append(el('div', { class: 'muted small', text: org.nameEn }));
  return cell;
}

function row(org, selected) {
  return el('tr', rowProps(org.code, selected, org.retiredAt ? 'retired' : ''),
    el('td', { class: 'mono', text: org.code }),
    nameCell(org),
    el('td', {}, typeBadge(org.type)),
    el('td', { text: org.contactPerson ?? '—' }),
    el('td', { class: org.contactPhone ? 'mono' : null, text: org.contactPhone ?? '—' }),
    el('td', {}, statusBadge(org)));
}

// ---- Detail -----------------------------------------------------------------------------

async function parentName(code) {
  if (!code) return null;
  if (!nameCache.has(code)) {
    try {
      const parent = await api.get(`/api/v1/organisations/${encodeURIComponent(code)}`);
      nameCache.set(code, parent.name);
    } catch {
      return null; // the code alone is shown
    }
  }
  return nameCache.get(code);
}

/** The contact editor, saving at the version shown (etag): a change saved meanwhile is refused, not overwritten. */
function contactForm(org, etag) {
  const errorBox = el('div', { class: 'form-errors' });
  const status = el('span', { id: 'org-contact-status', class: 'form-status', role: 'status' });
  const field = (name, id, type, autocomplete) => {
    const input = el('input', { id, name, type, autocomplete, value: org[name] ?? '' });
    const message = el('div', { class: 'field-error', id: `${id}-error` });
    return {
      name,
      input,
      message,
      node: el('div', { class: 'form-field' }, el('label', { for: id, text: t(`field.${name}`) }), input, message),
    };
  };
  const person = field('contactPerson', 'org-contact-person', 'text', 'name');
  const phone = field('contactPhone', 'org-contact-phone', 'tel', 'tel');
  const fields = [person, phone];
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', text: t('action.save') });

  const form = el('form', { id: 'org-contact-form', class: 'form detail-form', novalidate: true },
    el('h3', { text: t('org.edit.heading') }),
    errorBox,
    person.node,
    phone.node,
    el('div', { class: 'form-actions' }, submit, status));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    status.textContent = '';
    submit.disabled = true;
    // Empty means "no contact": sent as null rather than as an empty string.
    const value = (f) => f.input.value.trim() || null;
    try {
      const { data: updated } = await api.send('PUT', `/api/v1/organisations/${encodeURIComponent(org.code)}/contact`, {
        contactPerson: value(person),
        contactPhone: value(phone),
      }, { ifMatch: etag });
      replaceItem(updated);
      await renderDetail(updated);
      // renderDetail built a fresh form; confirm in its status line.
      const saved = $('org-contact-status');
      if (saved) saved.textContent = t('org.edit.saved');
    } catch (error) {
      showFormErrors(errorBox, error, fields);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// ---- Registry counts --------------------------------------------------------------------

/** Link to a registry page filtered to the organisation, labelled with its count once known. */
function countLink(id, href, promise, labelKey, noteOf) {
  const link = el('a', { id, href, text: t('org.registry.view') });
  const note = el('div', { class: 'muted small' });
  const dd = el('dd', { 'aria-busy': 'true' }, link, note);
  promise
    .then((result) => {
      const total = result?.total ?? 0;
      link.textContent = t(labelKey, { count: fmt.number(total) });
      link.setAttribute('data-count', String(total));
      note.textContent = noteOf?.(result) ?? '';
    })
    .catch((error) => {
      console.warn('registry count unavailable', error);
      note.textContent = t('org.registry.unavailable');
    })
    .finally(() => dd.removeAttribute('aria-busy'));
  return dd;
}

/**
 * How many systems and catalogue resources the organisation has, with links to those lists.
 * A department sees only its own organisation's registries, so for others it gets a note instead.
 */
function registryCounts(org) {
  const section = el('section', { id: 'org-registry', class: 'detail-section' }, el('h3', { text: t('org.registry.heading') }));
  if (me.role === 'DEPARTMENT' && me.organisation?.code !== org.code) {
    section.append(el('p', { class: 'muted small', text: t('org.registry.ownOnly') }));
    return section;
  }
  const code = encodeURIComponent(org.code);
  const systems = countLink('org-systems-link', `/systems.html?organisation=${code}`,
    api.get('/api/v1/systems/summary', { organisation: org.code }),
    'org.registry.systemsCount',
    (s) => (s?.mustConnect ? t('org.registry.connected', { connected: fmt.number(s.connected ?? 0), mustConnect: fmt.number(s.mustConnect) }) : ''));
  const catalogue = countLink('org-catalogue-link', `/catalogue.html?organisation=${code}`,
    api.get('/api/v1/catalogue', { organisation: org.code, size: 1 }),
    'org.registry.catalogueCount');
  section.append(el('dl', { class: 'detail-list' },
    el('dt', { text: t('org.registry.systems') }), systems,
    el('dt', { text: t('org.registry.catalogue') }), catalogue));
  return section;
}

async function renderDetail(shown) {
  const panel = $('org-detail');
  // read afresh with its version: what is edited here is saved only over that version
  let org = shown;
  let etag = null;
  try {
    ({ data: org, etag } = await api.read(`/api/v1/organisations/${encodeURIComponent(shown.code)}`));
  } catch (error) {
    console.warn('organisation not read afresh', error);
  }
  const parent = org.parentCode ? await parentName(org.parentCode) : null;
  if (list.selected !== org.code) return; // another row was chosen meanwhile

  const parentText = org.parentCode ? (parent ? `${parent} (${org.parentCode})` : org.parentCode) : null;
  const statusValue = org.retiredAt
    ? el('span', {}, statusBadge(org), ' ', el('span', { class: 'muted', text: fmt.dateTime(org.retiredAt) }))
    : statusBadge(org);

  panel.replaceChildren(
    el('div', { class: 'detail-head' },
      el('h2', { text: org.name }),
      typeBadge(org.type)),
    el('dl', { class: 'detail-list' },
      detailItem(t('field.code'), org.code, { mono: true }),
      detailItem(t('field.name'), org.name),
      detailItem(t('field.nameEn'), org.nameEn),
      detailItem(t('field.type'), tEnum('org.type', org.type)),
      detailItem(t('field.parent'), parentText),
      detailItem(t('field.contactPerson'), org.contactPerson),
      detailItem(t('field.contactPhone'), org.contactPhone, { mono: Boolean(org.contactPhone) }),
      detailItem(t('field.status'), statusValue)),
    registryCounts(org),
    canEdit(org) && !org.retiredAt ? contactForm(org, etag) : el('p', { class: 'muted small', text: t('org.edit.readOnly') }),
    // the office edits every field and retires; everyone sees the history (departments edit contacts above)
    recordActions({
      def: REGISTRY_FORMS.organisation, me, record: org, edit: me.role === 'EGOV_ADMIN',
      onChanged: (updated) => organisationChanged(updated),
    }));
}

/** After a save or a retirement: reload the list and show the organisation as it now is. */
async function organisationChanged(updated) {
  await list.load();
  replaceItem(updated);
  list.markSelected(updated.code);
  syncUrl();
  await renderDetail(updated);
}

function replaceItem(updated) {
  list.items = list.items.map((o) => (o.code === updated.code ? updated : o));
  nameCache.set(updated.code, updated.name);
  list.render();
}

async function select(code) {
  list.markSelected(code);
  syncUrl();
  let org = list.find(code);
  if (!org) {
    // Selected via ?code= but not in the current page of results.
    try {
      org = await api.get(`/api/v1/organisations/${encodeURIComponent(code)}`);
    } catch (error) {
      renderError($('org-detail'), error);
      return;
    }
  }
  await renderDetail(org);
  if (window.matchMedia(STACKED_LAYOUT).matches) {
    $('org-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}

// ---- Wiring -----------------------------------------------------------------------------

async function main() {
  me = await initPage();
  if (!me) return;

  list = new PagedList({
    path: '/api/v1/organisations',
    params: filters,
    table: $('org-table'),
    loadMore: $('org-load-more'),
    errorBox: $('org-error'),
    row,
    emptyKey: 'org.table.empty',
    count: $('org-count'),
    countKey: 'org.table.count',
    onSelect: select,
    onLoaded: (items) => items.forEach((org) => nameCache.set(org.code, org.name)),
  });

  // Restore filters and selection from the URL.
  const params = queryParams();
  selectIfOffered($('org-type-filter'), params.get('type'));
  $('org-search').value = params.get('q') ?? '';

  const refresh = () => {
    syncUrl();
    list.load();
  };
  $('org-type-filter').addEventListener('change', refresh);
  $('org-search').addEventListener('input', debounce(refresh, 300));
  $('org-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });

  wireCreateButton($('org-create'), { def: REGISTRY_FORMS.organisation, me, onSaved: organisationChanged });
  const ok = await list.load();
  if (params.get('code')) await select(params.get('code'));
  markLoaded(ok ? 'true' : 'error');
}

main();
