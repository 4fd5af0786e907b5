// Government information resource catalogue ("政务信息资源目录"): filterable, sortable list with
// "load more", a detail panel with the information items, sharing terms and links, and export links
// that carry the current filter. Filters, sort and the selected resource are mirrored in the URL
// (?organisation=&category=&sharingType=&openAttribute=&mounted=&baseDatabase=&q=&sort=&code=).
// ?sourceSystem= (set by links from the system inventory) narrows to one source system until removed.

import { buildUrl } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, badge, debounce, markLoaded } from './dom.js';
import {
  enumBadge, enumLabel, fillEnumSelect, canImport, isScoped, OrgDirectory, queryParams, writeQuery,
  selectIfOffered, parseSort, sortParam, SortHeaders, PagedList, rowProps, DetailPanel, detailItem,
  detailSection, codeList,
} from './registry.js';

const $ = (id) => document.getElementById(id);

const state = { me: null, orgs: new OrgDirectory(), sort: null, sourceSystem: null };
let list;
let detail;

// ---- Filter -----------------------------------------------------------------------------

/** The current filter as API parameters (no paging, no sort). */
function filters() {
  return {
    // A department's rows are scoped by the server; its (locked) filter is not sent.
    organisation: isScoped(state.me) ? null : $('catalogue-org-filter').value,
    category: $('catalogue-category-filter').value,
    sharingType: $('catalogue-sharing-filter').value,
    openAttribute: $('catalogue-open-filter').value,
    mounted: $('catalogue-mounted-filter').value,
    baseDatabase: $('catalogue-base-filter').value,
    q: $('catalogue-search').value.trim(),
    sourceSystem: state.sourceSystem,
  };
}

/** The "source system: X ×" chip shown while ?sourceSystem= narrows the list. */
function renderSourceSystemChip() {
  const holder = $('catalogue-source-filter');
  holder.hidden = !state.sourceSystem;
  if (!state.sourceSystem) {
    holder.replaceChildren();
    return;
  }
  holder.replaceChildren(
    el('span', { class: 'muted', text: t('catalogue.field.sourceSystem') }),
    el('span', { class: 'mono', text: state.sourceSystem }),
    el('button', {
      type: 'button',
      class: 'btn-close btn-close-sm',
      'aria-label': t('catalogue.filter.removeSourceSystem'),
      title: t('catalogue.filter.removeSourceSystem'),
      text: '×',
      onclick: () => {
        state.sourceSystem = null;
        renderSourceSystemChip();
        refresh();
      },
    }));
}

function syncUrl() {
  writeQuery({ ...filters(), sort: sortParam(state.sort), code: list.selected });
}

function updateExportLinks() {
  const f = filters();
  $('catalogue-export-xlsx').href = buildUrl('/api/v1/catalogue/export', { format: 'xlsx', ...f });
  $('catalogue-export-csv').href = buildUrl('/api/v1/catalogue/export', { format: 'csv', ...f });
}

// ---- List -------------------------------------------------------------------------------

/** "基础信息资源 › 人口 › 户籍": the resource's place in the catalogue's classification. */
function classPath(r) {
  const category = r.category ? enumLabel('category', r.category) : r.className;
  return [category, r.itemName, r.subitemName, r.detailName]
    .filter(Boolean)
    .join(' › ');
}

function mountedBadge(r) {
  if (!r.mounted) return badge(t('catalogue.mounted.no'), 'warn');
  const node = badge(t('catalogue.mounted.yes'), 'ok');
  if (r.mountedSince) node.title = t('common.since', { date: fmt.day(r.mountedSince) });
  return node;
}

function row(r, selected) {
  return el('tr', rowProps(r.code, selected, r.retiredAt ? 'retired' : ''),
    el('td', { class: 'mono code-cell', text: r.code }),
    el('td', { class: 'name-cell' },
      el('div', { class: 'strong', text: r.name }),
      el('div', { class: 'muted small', text: classPath(r) })),
    el('td', { class: 'name-cell', text: state.orgs.name(r.providerOrganisationCode) }),
    el('td', {}, enumBadge('sharingType', r.sharingType)),
    el('td', {}, enumBadge('openAttribute', r.openAttribute)),
    el('td', { class: 'nowrap', text: enumLabel('updateCycle', r.updateCycle) }),
    el('td', {}, mountedBadge(r)),
    el('td', { class: 'nowrap', text: fmt.day(r.releasedOn) }));
}

// ---- Detail -----------------------------------------------------------------------------

function itemsTable(items) {
  if (!items?.length) return el('p', { class: 'muted small', text: t('catalogue.items.none') });
  return el('div', { class: 'table-wrap' },
    el('table', { id: 'catalogue-items', class: 'table table-compact' },
      el('caption', { class: 'visually-hidden', text: t('catalogue.items.caption') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'num', text: t('catalogue.items.no') }),
        el('th', { scope: 'col', text: t('catalogue.items.name') }),
        el('th', { scope: 'col', text: t('catalogue.items.dataType') }))),
      el('tbody', {}, items.map((item, i) => el('tr', {},
        el('td', { class: 'num muted', text: fmt.number(i + 1) }),
        el('td', { text: item.name }),
        el('td', { text: enumLabel('dataType', item.dataType) }))))));
}

function baseDatabases(codes) {
  if (!codes?.length) return null;
  return el('span', { class: 'badge-list' }, codes.map((c) => badge(enumLabel('baseDatabase', c), 'info')));
}

function sourceSystem(code) {
  if (!code) return null;
  return el('a', {
    class: 'mono',
    href: buildUrl('/systems.html', { q: code, code }),
    text: code,
  });
}

function renderDetail(r) {
  const provider = el('a', {
    href: `/organisations.html?code=${encodeURIComponent(r.providerOrganisationCode)}`,
    text: state.orgs.name(r.providerOrganisationCode),
  });
  const mounted = r.mounted
    ? el('span', {}, mountedBadge(r), r.mountedSince ? el('span', { class: 'muted small', text: ` ${t('common.since', { date: fmt.day(r.mountedSince) })}` }) : null)
    : mountedBadge(r);

  detail.show(
    detail.head(r.name, enumBadge('sharingType', r.sharingType)),
    detailSection(t('catalogue.detail.basic'),
      detailItem(t('catalogue.field.code'), r.code, { mono: true }),
      detailItem(t('catalogue.field.name'), r.name),
      detailItem(t('catalogue.field.category'), enumLabel('category', r.category)),
      detailItem(t('catalogue.field.classification'), classPath(r)),
      detailItem(t('catalogue.field.provider'), provider),
      detailItem(t('catalogue.field.abstract'), r.abstract),
      detailItem(t('catalogue.field.format'), enumLabel('format', r.format)),
      detailItem(t('catalogue.field.updateCycle'), enumLabel('updateCycle', r.updateCycle)),
      detailItem(t('catalogue.field.releasedOn'), fmt.day(r.releasedOn)),
      r.retiredAt ? detailItem(t('catalogue.field.retiredAt'), fmt.dateTime(r.retiredAt)) : null),
    el('section', { class: 'detail-section' },
      el('h3', { text: t('catalogue.items.heading', { count: fmt.number(r.items?.length ?? 0) }) }),
      itemsTable(r.items)),
    detailSection(t('catalogue.detail.sharing'),
      detailItem(t('catalogue.field.sharingType'), enumBadge('sharingType', r.sharingType)),
      r.sharingType === 'CONDITIONAL' || r.sharingCondition ? detailItem(t('catalogue.field.sharingCondition'), r.sharingCondition) : null,
      r.sharingType === 'NOT_SHARED' || r.notSharedBasis ? detailItem(t('catalogue.field.notSharedBasis'), r.notSharedBasis) : null,
      detailItem(t('catalogue.field.sharingMethod'), enumLabel('sharingMethod', r.sharingMethod)),
      detailItem(t('catalogue.field.openAttribute'), enumBadge('openAttribute', r.openAttribute))),
    detailSection(t('catalogue.detail.links'),
      detailItem(t('catalogue.field.mounted'), mounted),
      detailItem(t('catalogue.field.sourceSystem'), sourceSystem(r.sourceSystemCode)),
      detailItem(t('catalogue.field.baseDatabases'), baseDatabases(r.baseDatabases)),
      detailItem(t('catalogue.field.relatedCodes'), codeList(r.relatedCodes))));
}

function select(code) {
  const resource = list.find(code);
  if (!resource) return;
  list.markSelected(code);
  syncUrl();
  renderDetail(resource);
}

function deselect() {
  list.markSelected(null);
  syncUrl();
}

// ---- Wiring -----------------------------------------------------------------------------

async function refresh() {
  syncUrl();
  updateExportLinks();
  const ok = await list.load();
  // Keep the detail only while its resource is still in the list.
  if (ok && list.selected && !list.find(list.selected)) detail.close();
  return ok;
}

function restoreFilters(params) {
  if (!isScoped(state.me)) selectIfOffered($('catalogue-org-filter'), params.get('organisation'));
  selectIfOffered($('catalogue-category-filter'), params.get('category'));
  selectIfOffered($('catalogue-sharing-filter'), params.get('sharingType'));
  selectIfOffered($('catalogue-open-filter'), params.get('openAttribute'));
  selectIfOffered($('catalogue-mounted-filter'), params.get('mounted'));
  selectIfOffered($('catalogue-base-filter'), params.get('baseDatabase'));
  $('catalogue-search').value = params.get('q') ?? '';
  state.sourceSystem = params.get('sourceSystem') || null;
  renderSourceSystemChip();
}

async function main() {
  const me = await initPage();
  if (!me) return;
  state.me = me;

  fillEnumSelect($('catalogue-category-filter'), 'category');
  fillEnumSelect($('catalogue-sharing-filter'), 'sharingType');
  fillEnumSelect($('catalogue-open-filter'), 'openAttribute');
  fillEnumSelect($('catalogue-base-filter'), 'baseDatabase');
  if (canImport(me)) {
    $('catalogue-template').hidden = false;
    $('catalogue-import-link').hidden = false;
  }

  state.orgs = await OrgDirectory.load();
  state.orgs.fillSelect($('catalogue-org-filter'), me);

  const params = queryParams();
  restoreFilters(params);
  state.sort = parseSort(params.get('sort'));

  list = new PagedList({
    path: '/api/v1/catalogue',
    table: $('catalogue-table'),
    count: $('catalogue-count'),
    loadMore: $('catalogue-load-more'),
    errorBox: $('catalogue-error'),
    emptyKey: 'catalogue.table.empty',
    countKey: 'table.count',
    params: () => ({ ...filters(), sort: sortParam(state.sort) }),
    row,
    onSelect: select,
  });
  list.selected = params.get('code');
  detail = new DetailPanel($('catalogue-detail'), deselect);

  new SortHeaders($('catalogue-table'), state.sort, (sort) => {
    state.sort = sort;
    syncUrl();
    list.load();
  });

  for (const id of ['catalogue-org-filter', 'catalogue-category-filter', 'catalogue-sharing-filter',
    'catalogue-open-filter', 'catalogue-mounted-filter', 'catalogue-base-filter']) {
    $(id).addEventListener('change', refresh);
  }
  $('catalogue-search').addEventListener('input', debounce(refresh, 300));
  $('catalogue-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });

  const ok = await refresh();
  if (ok && list.selected) {
    if (list.find(list.selected)) select(list.selected);
    else deselect(); // not in the first page of this filter: drop it from the URL
  }
  markLoaded(ok ? 'true' : 'error');
}

main();
