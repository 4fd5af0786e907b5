// System inventory ("信息系统清单"): summary strip by lifecycle status, filterable and sortable
// list with "load more", detail panel, and export links that carry the current filter.
// Filters, sort and the selected system are mirrored in the URL
// (?organisation=&lifecycleStatus=&deployment=&network=&mustConnect=&q=&includeRetired=&sort=&code=).

import { api, buildUrl } from './api.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge } from './dom.js';
import {
  ENUMS, enumBadge, enumLabel, toneOf, detailItem, detailSection, yesNo, codeList, statItem, rowProps,
} from './registry.js';
import { RegistryListPage } from './registry-list.js';
import { REGISTRY_FORMS, recordActions } from './registry-form.js';

const $ = (id) => document.getElementById(id);

let summarySeq = 0;

// ---- Summary ----------------------------------------------------------------------------

/** A lifecycle-status count that filters the list by its status (or clears the filter). */
function statusStat({ label, value, tone, status, current }) {
  const active = current === status;
  return statItem({
    label,
    value,
    tone,
    active,
    attrs: { 'data-status': status },
    title: status ? t('system.summary.filterBy', { status: label }) : t('system.summary.clearFilter'),
    onClick: () => {
      $('system-status-filter').value = active ? '' : status;
      page.refresh();
    },
  });
}

function renderSummary(summary) {
  const current = $('system-status-filter').value;
  const byStatus = summary.byLifecycleStatus ?? {};
  const includeRetired = page.filters().includeRetired === 'true';
  const statuses = ENUMS.lifecycleStatus.filter((s) => s !== 'RETIRED' || includeRetired || byStatus[s]);
  const mustConnect = Number(summary.mustConnect ?? 0);
  const connected = Number(summary.connected ?? 0);
  const rate = mustConnect > 0 ? fmt.number(connected / mustConnect, { style: 'percent', maximumFractionDigits: 1 }) : '—';

  $('system-summary').replaceChildren(
    el('div', { class: 'stat-group' },
      statusStat({ label: t('system.summary.total'), value: fmt.number(summary.total ?? 0), status: '', current }),
      statuses.map((s) => statusStat({
        label: enumLabel('lifecycleStatus', s),
        value: fmt.number(byStatus[s] ?? 0),
        tone: toneOf('lifecycleStatus', s),
        status: s,
        current,
      }))),
    el('div', { class: 'stat-group' },
      statItem({ label: t('system.summary.mustConnect'), value: fmt.number(mustConnect) }),
      statItem({
        label: t('system.summary.connected'),
        value: fmt.number(connected),
        note: t('system.summary.rate', { rate }),
      }),
      statItem({ label: t('system.summary.notConnected'), value: fmt.number(Math.max(mustConnect - connected, 0)), tone: mustConnect > connected ? 'danger' : null })));
}

async function loadSummary() {
  const seq = ++summarySeq;
  const box = $('system-summary');
  box.setAttribute('aria-busy', 'true');
  try {
    const summary = await api.get('/api/v1/systems/summary', page.filters());
    if (seq !== summarySeq) return;
    renderSummary(summary ?? {});
  } catch (error) {
    if (seq !== summarySeq) return;
    console.warn('system summary unavailable', error);
    box.replaceChildren(el('p', { class: 'muted small stat-unavailable', text: t('system.summary.unavailable') }));
  } finally {
    if (seq === summarySeq) box.removeAttribute('aria-busy');
  }
}

// ---- List -------------------------------------------------------------------------------

const money = (value, digits = 0) =>
  value === null || value === undefined ? '' : fmt.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });

function protectionText(level) {
  return level === null || level === undefined ? t('system.protection.none') : tEnum('enum.protectionLevel', level);
}

function connectionBadge(system) {
  if (!system.mustConnect) return badge(t('system.connect.notRequired'), 'neutral');
  if (system.platformConnectedOn) {
    const node = badge(t('system.connect.connected'), 'ok');
    node.title = t('system.connect.connectedOn', { date: fmt.day(system.platformConnectedOn) });
    return node;
  }
  return badge(t('system.connect.notConnected'), 'danger');
}

const isRetired = (s) => Boolean(s.retiredAt) || s.lifecycleStatus === 'RETIRED';

function row(s, selected) {
  return el('tr', rowProps(s.code, selected, isRetired(s) ? 'retired' : ''),
    el('td', { class: 'mono code-cell', text: s.code }),
    el('td', { class: 'name-cell' }, el('span', { class: 'strong', text: s.name })),
    el('td', { class: 'name-cell', text: page.orgs.name(s.organisationCode) }),
    el('td', {}, enumBadge('lifecycleStatus', s.lifecycleStatus)),
    el('td', {}, enumBadge('deployment', s.deployment)),
    el('td', {}, enumBadge('network', s.network)),
    el('td', {}, connectionBadge(s)),
    el('td', { class: 'nowrap', text: protectionText(s.protectionLevel) }),
    el('td', { class: 'num', text: money(s.annualOmCost) }));
}

// ---- Detail -----------------------------------------------------------------------------

const dated = (node, date, key) => (date ? el('span', {}, node, ' ', el('span', { class: 'muted small', text: t(key, { date: fmt.day(date) }) })) : node);

function renderDetail(s) {
  const orgLink = el('a', { href: `/organisations.html?code=${encodeURIComponent(s.organisationCode)}`, text: page.orgs.name(s.organisationCode) });
  const { detail } = page;
  detail.show(
    detail.head(s.name, enumBadge('lifecycleStatus', s.lifecycleStatus)),
    detailSection(t('system.detail.basic'),
      detailItem(t('field.code'), s.code, { mono: true }),
      detailItem(t('system.field.name'), s.name),
      detailItem(t('system.field.organisation'), orgLink),
      detailItem(t('system.field.purpose'), s.purpose),
      detailItem(t('system.field.fundingType'), enumLabel('fundingType', s.fundingType)),
      detailItem(t('system.field.lifecycleStatus'), dated(enumBadge('lifecycleStatus', s.lifecycleStatus), s.statusSince, 'common.since')),
      detailItem(t('system.field.annualOmCost'), s.annualOmCost === null || s.annualOmCost === undefined ? null : t('common.yuan', { amount: money(s.annualOmCost, 2) })),
      s.retiredAt ? detailItem(t('system.field.retiredAt'), fmt.dateTime(s.retiredAt)) : null),
    detailSection(t('system.detail.deployment'),
      detailItem(t('system.field.deployment'), enumBadge('deployment', s.deployment)),
      detailItem(t('system.field.dataRoomCode'), s.dataRoomCode, { mono: true }),
      detailItem(t('system.field.network'), enumBadge('network', s.network)),
      detailItem(t('system.field.privateNetworkCode'), s.privateNetworkCode, { mono: true }),
      detailItem(t('system.field.migrationPlannedOn'), fmt.day(s.migrationPlannedOn))),
    detailSection(t('system.detail.connection'),
      detailItem(t('system.field.mustConnect'), yesNo(s.mustConnect)),
      detailItem(t('system.field.platformConnectedOn'), s.platformConnectedOn ? fmt.day(s.platformConnectedOn) : connectionBadge(s)),
      detailItem(t('system.field.exchangeAliases'), codeList(s.exchangeAliases))),
    detailSection(t('system.detail.security'),
      detailItem(t('system.field.protectionLevel'), protectionText(s.protectionLevel)),
      detailItem(t('system.field.protectionAssessedOn'), fmt.day(s.protectionAssessedOn)),
      detailItem(t('system.field.containsSecrets'), s.containsSecrets ? badge(t('common.yes'), 'warn') : yesNo(s.containsSecrets))),
    el('ul', { class: 'detail-links' },
      el('li', {}, el('a', { href: buildUrl('/catalogue.html', { sourceSystem: s.code }), text: t('system.detail.resourcesLink') })),
      el('li', {}, el('a', { href: buildUrl('/catalogue.html', { organisation: s.organisationCode }), text: t('system.detail.catalogueLink') }))),
    recordActions({ def: REGISTRY_FORMS.system, me: page.me, record: s, onChanged: (record) => page.recordChanged(record) }));
}

// ---- Page -------------------------------------------------------------------------------

const page = new RegistryListPage({
  prefix: 'system',
  path: '/api/v1/systems',
  selects: [
    { id: 'system-status-filter', param: 'lifecycleStatus', kind: 'lifecycleStatus' },
    { id: 'system-deployment-filter', param: 'deployment', kind: 'deployment' },
    { id: 'system-network-filter', param: 'network', kind: 'network' },
    { id: 'system-connect-filter', param: 'mustConnect' },
  ],
  // Asking for retired systems only makes sense with them included.
  moreFilters: ({ lifecycleStatus }) => ({
    includeRetired: $('system-include-retired').checked || lifecycleStatus === 'RETIRED' ? 'true' : null,
  }),
  watch: ['system-include-retired'],
  restore: (params) => {
    $('system-include-retired').checked = params.get('includeRetired') === 'true';
  },
  row,
  showDetail: renderDetail,
  alsoLoad: loadSummary,
  form: REGISTRY_FORMS.system,
});

page.start();
