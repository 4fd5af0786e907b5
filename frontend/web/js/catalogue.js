// Government information resource catalogue ("政务信息资源目录"): filterable, sortable list with
// "load more", a detail panel with the information items, sharing terms and links, and export links
// that carry the current filter. Filters, sort and the selected resource are mirrored in the URL
// (?organisation=&category=&sharingType=&openAttribute=&mounted=&baseDatabase=&q=&sort=&code=).
// ?sourceSystem= (set by links from the system inventory) narrows to one source system until removed.

import { buildUrl } from './api.js';
import { t, fmt } from './i18n.js';
import { el, badge } from './dom.js';
import { enumBadge, enumLabel, rowProps, detailItem, detailSection, codeList } from './registry.js';
import { RegistryListPage } from './registry-list.js';
import { REGISTRY_FORMS, recordActions } from './registry-form.js';

const $ = (id) => document.getElementById(id);

// ?sourceSystem= narrows the list until its chip is removed; it has no control of its own.
let sourceSystem = null;

// ---- Filter -----------------------------------------------------------------------------

/** The "source system: X ×" chip shown while ?sourceSystem= narrows the list. */
function renderSourceSystemChip() {
  const holder = $('catalogue-source-filter');
  holder.hidden = !sourceSystem;
  if (!sourceSystem) {
    holder.replaceChildren();
    return;
  }
  holder.replaceChildren(
    el('span', { class: 'muted', text: t('catalogue.field.sourceSystem') }),
    el('span', { class: 'mono', text: sourceSystem }),
    el('button', {
      type: 'button',
      class: 'btn-close btn-close-sm',
      'aria-label': t('catalogue.filter.removeSourceSystem'),
      title: t('catalogue.filter.removeSourceSystem'),
      text: '×',
      onclick: () => {
        sourceSystem = null;
        renderSourceSystemChip();
        page.refresh();
      },
    }));
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
    el('td', { class: 'name-cell', text: page.orgs.name(r.providerOrganisationCode) }),
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

function sourceSystemLink(code) {
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
    text: page.orgs.name(r.providerOrganisationCode),
  });
  const mounted = r.mounted
    ? el('span', {}, mountedBadge(r), r.mountedSince ? el('span', { class: 'muted small', text: ` ${t('common.since', { date: fmt.day(r.mountedSince) })}` }) : null)
    : mountedBadge(r);

  const { detail } = page;
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
      detailItem(t('catalogue.field.sourceSystem'), sourceSystemLink(r.sourceSystemCode)),
      detailItem(t('catalogue.field.baseDatabases'), baseDatabases(r.baseDatabases)),
      detailItem(t('catalogue.field.relatedCodes'), codeList(r.relatedCodes))),
    recordActions({ def: REGISTRY_FORMS.catalogue, me: page.me, record: r, onChanged: (record) => page.recordChanged(record) }));
}

// ---- Page -------------------------------------------------------------------------------

const page = new RegistryListPage({
  prefix: 'catalogue',
  path: '/api/v1/catalogue',
  selects: [
    { id: 'catalogue-category-filter', param: 'category', kind: 'category' },
    { id: 'catalogue-sharing-filter', param: 'sharingType', kind: 'sharingType' },
    { id: 'catalogue-open-filter', param: 'openAttribute', kind: 'openAttribute' },
    { id: 'catalogue-mounted-filter', param: 'mounted' },
    { id: 'catalogue-base-filter', param: 'baseDatabase', kind: 'baseDatabase' },
  ],
  moreFilters: () => ({ sourceSystem }),
  restore: (params) => {
    sourceSystem = params.get('sourceSystem') || null;
    renderSourceSystemChip();
  },
  row,
  showDetail: renderDetail,
  form: REGISTRY_FORMS.catalogue,
});

page.start();
