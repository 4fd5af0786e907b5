// Audit trail: hash-chain verification and the event list (newest first, keyset paging via
// beforeId / nextBeforeId). Filters are mirrored in the URL (?entityType=&actor=).

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge, debounce, renderError, markLoaded } from './dom.js';
import { OrgDirectory, queryParams, writeQuery } from './registry.js';

const PAGE_SIZE = 50;
// Every audited table (the audit_row_change triggers in sql/migrations), for the filter; labels are
// audit.entity.<table>, and actions audit.action.<ACTION> (row changes, and IMPORT for a spreadsheet).
const ENTITY_TYPES = [
  'organisation', 'app_user', 'api_token', 'private_network', 'data_room', 'information_system', 'catalogue_resource',
  'connection_target', 'key_task', 'key_task_milestone', 'key_task_progress', 'exchange_anomaly', 'exchange_threshold',
  'exchange_source',
];
const ACTION_TONES = { INSERT: 'ok', UPDATE: 'info', DELETE: 'danger', IMPORT: 'info' };
// Bookkeeping columns left out of the change summary (still visible in the full record).
const NOISE_FIELDS = new Set(['created_at', 'updated_at', 'createdAt', 'updatedAt']);
const SUMMARY_LINES = 3;
// The reasons audit_verify() reports, mapped to message keys; others are shown verbatim.
const VERIFY_REASONS = {
  'row(s) missing before this id': 'audit.verify.reason.missing',
  'link to predecessor broken': 'audit.verify.reason.link',
  'content does not match its hash': 'audit.verify.reason.content',
};

const state = { items: [], nextBeforeId: null, requestSeq: 0, orgs: new OrgDirectory() };

/** What the changed record is called, from the record itself (name, title or display name), if anything. */
function entityName(event) {
  for (const record of [event.after, event.before]) {
    if (record && typeof record === 'object') {
      const name = record.name ?? record.title ?? record.display_name ?? record.displayName;
      if (typeof name === 'string' && name.trim()) return name;
    }
  }
  return event.entityType === 'organisation' ? state.orgs.name(event.entityId) : null;
}

/** The changed record: its name with its code in the tooltip, or the code alone. */
function entityCell(event) {
  const name = entityName(event);
  const code = event.entityId;
  return el('td', {},
    el('div', { text: tEnum('audit.entity', event.entityType) }),
    code && name && name !== code
      ? el('div', { class: 'small named', title: code, 'data-code': code, text: name })
      : code ? el('div', { class: 'mono small', text: code }) : null);
}
const $ = (id) => document.getElementById(id);

function filters() {
  return { entityType: $('audit-entity-filter').value, actor: $('audit-actor-filter').value.trim() };
}

const syncUrl = () => writeQuery(filters());

// ---- Rendering --------------------------------------------------------------------------

function showValue(value) {
  if (value === null || value === undefined) return t('audit.changes.empty');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Field-level differences between before and after (all fields for INSERT / DELETE). */
function changedFields(event) {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function changesCell(event) {
  const changed = changedFields(event);
  const cell = el('td', { class: 'changes' });

  if (event.action === 'UPDATE') {
    const relevant = changed.filter((k) => !NOISE_FIELDS.has(k));
    const list = el('ul', { class: 'change-list' });
    for (const key of relevant.slice(0, SUMMARY_LINES)) {
      list.append(el('li', {},
        el('span', { class: 'mono', text: key }), ': ',
        el('span', { class: 'old', text: showValue(event.before?.[key]) }),
        ' → ',
        el('span', { class: 'new', text: showValue(event.after?.[key]) })));
    }
    if (relevant.length > SUMMARY_LINES) {
      list.append(el('li', { class: 'muted', text: t('audit.changes.more', { count: relevant.length - SUMMARY_LINES }) }));
    }
    if (relevant.length === 0) list.append(el('li', { class: 'muted', text: t('audit.changes.none') }));
    cell.append(list);
  } else {
    cell.append(el('div', { class: 'muted', text: t('audit.changes.fields', { count: changed.length }) }));
  }

  // Full before / after records on demand.
  const record = (titleKey, value) => el('div', {},
    el('div', { class: 'json-title', text: t(titleKey) }),
    el('pre', { class: 'json', text: value ? JSON.stringify(value, null, 2) : t('audit.changes.empty') }));
  cell.append(el('details', { class: 'record' },
    el('summary', { text: t('audit.changes.show') }),
    el('div', { class: 'json-grid' }, record('audit.changes.before', event.before), record('audit.changes.after', event.after))));
  return cell;
}

function row(event) {
  return el('tr', { 'data-id': event.id },
    el('td', { class: 'num mono', text: event.id }),
    el('td', { class: 'nowrap', title: event.occurredAt, text: fmt.dateTime(event.occurredAt) }),
    el('td', {},
      el('div', { class: 'strong', text: event.actor }),
      event.actorOrganisation
        ? el('div', { class: 'muted small', title: event.actorOrganisation, 'data-code': event.actorOrganisation, text: state.orgs.name(event.actorOrganisation) })
        : null),
    el('td', {}, badge(tEnum('audit.action', event.action), ACTION_TONES[event.action] ?? 'neutral')),
    entityCell(event),
    changesCell(event),
    el('td', { class: 'mono small hash', title: event.hash, text: event.hash ? `${event.hash.slice(0, 12)}…` : '' }));
}

function renderTable() {
  const tbody = $('audit-table').tBodies[0];
  if (state.items.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'empty', text: t('audit.table.empty') })));
  } else {
    tbody.replaceChildren(...state.items.map(row));
  }
  const hasMore = state.nextBeforeId !== null && state.nextBeforeId !== undefined;
  $('audit-count').textContent = t(hasMore ? 'audit.table.countMore' : 'audit.table.count', { shown: fmt.number(state.items.length) });
  $('audit-load-more').hidden = !hasMore;
}

async function loadEvents({ append = false } = {}) {
  const seq = ++state.requestSeq;
  const button = $('audit-load-more');
  button.disabled = true;
  try {
    const result = await api.get('/api/v1/audit', {
      ...filters(),
      beforeId: append ? state.nextBeforeId : null,
      limit: PAGE_SIZE,
    });
    if (seq !== state.requestSeq) return false; // superseded by a newer filter
    const items = result.items ?? [];
    state.items = append ? [...state.items, ...items] : items;
    state.nextBeforeId = result.nextBeforeId ?? null;
    $('audit-error').replaceChildren();
    renderTable();
    return true;
  } catch (error) {
    if (seq !== state.requestSeq) return false;
    renderError($('audit-error'), error);
    return false;
  } finally {
    button.disabled = false;
  }
}

// ---- Chain verification ----------------------------------------------------------------

async function verify() {
  const button = $('audit-verify');
  const result = $('audit-verify-result');
  button.disabled = true;
  button.textContent = t('audit.verify.running');
  result.hidden = false;
  result.className = 'verify-result alert alert-info';
  result.replaceChildren(t('audit.verify.running'));
  try {
    const v = await api.get('/api/v1/audit/verify');
    const meta = t('audit.verify.meta', {
      rows: fmt.number(v.rowsChecked),
      time: fmt.dateTime(v.checkedAt),
    });
    if (v.intact) {
      result.className = 'verify-result alert alert-ok';
      result.setAttribute('data-intact', 'true');
      result.replaceChildren(
        el('strong', { text: t('audit.verify.intact') }),
        el('div', { text: meta }),
        v.lastHash ? el('div', { class: 'small' }, t('audit.verify.lastHash'), ' ', el('code', { class: 'hash-full', text: v.lastHash })) : null);
    } else {
      const reasonKey = VERIFY_REASONS[v.reason];
      result.className = 'verify-result alert alert-danger';
      result.setAttribute('data-intact', 'false');
      result.replaceChildren(
        el('strong', { text: t('audit.verify.broken', { id: v.firstBrokenId ?? '?' }) }),
        v.reason ? el('div', { text: reasonKey ? t(reasonKey) : v.reason }) : null,
        el('div', { text: meta }));
    }
  } catch (error) {
    result.removeAttribute('data-intact');
    result.className = 'verify-result';
    renderError(result, error);
  } finally {
    button.disabled = false;
    button.textContent = t('audit.verify.button');
  }
}

// ---- Wiring -----------------------------------------------------------------------------

async function main() {
  const me = await initPage();
  if (!me) return;

  state.orgs = await OrgDirectory.load();
  const select = $('audit-entity-filter');
  const params = queryParams();
  const entityType = params.get('entityType');
  // An entity type this page does not list yet (e.g. from a link) is offered too.
  const types = entityType && !ENTITY_TYPES.includes(entityType) ? [...ENTITY_TYPES, entityType] : ENTITY_TYPES;
  for (const type of types) select.append(el('option', { value: type, text: tEnum('audit.entity', type) }));
  if (entityType) select.value = entityType;
  $('audit-actor-filter').value = params.get('actor') ?? '';

  const refresh = () => {
    syncUrl();
    loadEvents();
  };
  $('audit-entity-filter').addEventListener('change', refresh);
  $('audit-actor-filter').addEventListener('input', debounce(refresh, 300));
  $('audit-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('audit-load-more').addEventListener('click', () => loadEvents({ append: true }));
  $('audit-verify').addEventListener('click', verify);

  const ok = await loadEvents();
  markLoaded(ok ? 'true' : 'error');
}

main();
