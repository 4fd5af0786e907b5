// Shared building blocks of the pages (organisations, systems, catalogue, tasks, import, exchange):
// enum values and their badge colours, the organisation directory, sortable table headers, a paged
// list whose rows open a detail panel, and mirroring of filters in the URL.

import { api } from './api.js';
import { t, tEnum, fmt, getLanguage } from './i18n.js';
import { el, badge, renderError } from './dom.js';

// ---- Enums ------------------------------------------------------------------------------

/** Enum values in display order. Labels are the message keys enum.<kind>.<VALUE>. */
export const ENUMS = {
  fundingType: ['GOVERNMENT_INVESTMENT', 'JOINT_WITH_ENTERPRISE', 'PURCHASED_SERVICE', 'GOVERNMENT_FUNDED_OM'],
  lifecycleStatus: ['IN_USE', 'TO_INTEGRATE', 'TO_CLEAN_UP', 'ZOMBIE', 'RETIRED'],
  deployment: ['GOV_CLOUD', 'OWN_DATA_ROOM', 'OTHER'],
  network: ['EGOV_EXTRANET', 'PRIVATE_NETWORK', 'INTERNET', 'CLASSIFIED'],
  category: ['1', '2', '3'],
  format: ['DATABASE', 'SPREADSHEET', 'DOCUMENT', 'IMAGE', 'STREAM', 'INTERFACE', 'OTHER'],
  sharingType: ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'],
  sharingMethod: ['INTERFACE', 'FILE', 'DATABASE_EXCHANGE'],
  openAttribute: ['OPEN', 'CONDITIONALLY_OPEN', 'NOT_OPEN'],
  updateCycle: ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'IRREGULAR'],
  baseDatabase: ['POPULATION', 'LEGAL_ENTITY', 'NATURAL_RESOURCES', 'ELECTRONIC_LICENCE', 'SOCIAL_CREDIT'],
  dataType: ['STRING', 'NUMBER', 'DATE', 'DATETIME', 'BOOLEAN', 'BINARY'],
  taskKind: ['TASK', 'SAFEGUARD'],
  taskStatus: ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'OVERDUE'],
  milestoneStatus: ['NOT_STARTED', 'IN_PROGRESS', 'MET', 'MISSED'],
  protectionLevel: ['1', '2', '3', '4', '5'],
  migrationStatus: ['NOT_STARTED', 'PLANNED', 'IN_PROGRESS', 'MIGRATED', 'EXEMPT'],
  targetKind: ['FRONT_END_PROCESSOR', 'INTERFACE', 'PROVINCIAL_LINK'],
  probe: ['HTTP', 'TCP', 'HEARTBEAT'],
  orgType: ['CITY', 'CITY_DEPARTMENT', 'COUNTY_DISTRICT', 'DEVELOPMENT_ZONE'],
};

/** Badge tone per enum value (ok, warn, danger, info, neutral); unlisted values are neutral. */
const TONES = {
  lifecycleStatus: { IN_USE: 'ok', TO_INTEGRATE: 'info', TO_CLEAN_UP: 'warn', ZOMBIE: 'danger', RETIRED: 'neutral' },
  deployment: { GOV_CLOUD: 'ok', OWN_DATA_ROOM: 'warn', OTHER: 'neutral' },
  network: { EGOV_EXTRANET: 'ok', PRIVATE_NETWORK: 'warn', INTERNET: 'info', CLASSIFIED: 'neutral' },
  sharingType: { UNCONDITIONAL: 'ok', CONDITIONAL: 'info', NOT_SHARED: 'warn' },
  openAttribute: { OPEN: 'ok', CONDITIONALLY_OPEN: 'info', NOT_OPEN: 'neutral' },
  taskKind: { TASK: 'info', SAFEGUARD: 'neutral' },
  taskStatus: { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', DONE: 'ok', OVERDUE: 'danger' },
  milestoneStatus: { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', MET: 'ok', MISSED: 'danger' },
  migrationStatus: { NOT_STARTED: 'warn', PLANNED: 'info', IN_PROGRESS: 'info', MIGRATED: 'ok', EXEMPT: 'neutral' },
};

export const toneOf = (kind, value) => TONES[kind]?.[value] ?? 'neutral';

/** Label of an enum value; the raw value when the bundle does not know it. */
export const enumLabel = (kind, value) => tEnum(`enum.${kind}`, value);

/** Colour-coded badge for an enum value (null for no value). */
export function enumBadge(kind, value) {
  if (value === null || value === undefined || value === '') return null;
  const node = badge(enumLabel(kind, value), toneOf(kind, value));
  node.setAttribute('data-value', value);
  return node;
}

/** Appends one <option> per enum value (the page's markup holds the "all" option). */
export function fillEnumSelect(select, kind) {
  for (const value of ENUMS[kind]) select.append(el('option', { value, text: enumLabel(kind, value) }));
}

// ---- Roles ------------------------------------------------------------------------------

/** Roles that may import spreadsheets (and so get template links). */
export const canImport = (me) => ['EGOV_ADMIN', 'DEPARTMENT'].includes(me?.role);

/** A DEPARTMENT user only ever receives their own organisation's rows; the server enforces it. */
export const isScoped = (me) => me?.role === 'DEPARTMENT';

// ---- Organisations ----------------------------------------------------------------------

const ORG_TYPES = ['CITY', 'CITY_DEPARTMENT', 'COUNTY_DISTRICT', 'DEVELOPMENT_ZONE'];

/** Code -> organisation lookup for showing names, and the organisation filter. */
export class OrgDirectory {
  constructor(items = []) {
    this.items = items;
    this.byCode = new Map(items.map((o) => [o.code, o]));
  }

  /** All organisations (one request); an empty directory if that fails, so codes are shown instead. */
  static async load() {
    try {
      const result = await api.get('/api/v1/organisations', { size: 1000 });
      return new OrgDirectory(result?.items ?? []);
    } catch (error) {
      console.warn('organisation names unavailable', error);
      return new OrgDirectory([]);
    }
  }

  /** Display name in the page language; the code when unknown. */
  name(code) {
    if (!code) return '';
    const org = this.byCode.get(code);
    if (!org) return code;
    return getLanguage() === 'en' && org.nameEn ? org.nameEn : org.name;
  }

  names(codes) {
    return (codes ?? []).map((c) => this.name(c));
  }

  /**
   * Fills an organisation <select>: grouped by type, or - for a user scoped to one organisation -
   * just that organisation, selected and locked.
   */
  fillSelect(select, me) {
    if (isScoped(me) && me.organisation) {
      const code = me.organisation.code;
      select.replaceChildren(el('option', { value: code, text: this.byCode.has(code) ? this.name(code) : me.organisation.name }));
      select.value = code;
      select.disabled = true;
      select.title = t('registry.scopedToOwn');
      return;
    }
    const known = new Set(ORG_TYPES);
    const types = [...ORG_TYPES, ...new Set(this.items.map((o) => o.type).filter((x) => !known.has(x)))];
    for (const type of types) {
      const orgs = this.items.filter((o) => o.type === type);
      if (!orgs.length) continue;
      select.append(el('optgroup', { label: tEnum('org.type', type) },
        orgs.map((o) => el('option', { value: o.code, text: this.name(o.code) }))));
    }
  }
}

// ---- URL and form state -----------------------------------------------------------------

export const queryParams = () => new URLSearchParams(window.location.search);

/** Replaces the query string with the non-empty params (no new history entry). */
export function writeQuery(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && value !== false) query.set(key, String(value));
  }
  const text = query.toString();
  window.history.replaceState(null, '', text ? `?${text}` : window.location.pathname);
}

/** Selects value if the <select> offers it; true when it did. */
export function selectIfOffered(select, value) {
  if (value === null || value === undefined || value === '') return false;
  if (![...select.options].some((o) => o.value === value)) return false;
  select.value = value;
  return true;
}

// ---- Sorting ----------------------------------------------------------------------------

/** "name,desc" -> {field: 'name', dir: 'desc'}; null when absent or malformed. */
export function parseSort(value) {
  const match = /^([A-Za-z][A-Za-z0-9]*),(asc|desc)$/.exec(value ?? '');
  return match ? { field: match[1], dir: match[2] } : null;
}

export const sortParam = (sort) => (sort ? `${sort.field},${sort.dir}` : null);

/**
 * Makes the <th data-sort="field"> cells of a table sortable. Each holds a <button class="sort-btn">;
 * a click cycles ascending -> descending -> server default and calls onChange(sort).
 */
export class SortHeaders {
  constructor(table, initial, onChange) {
    this.sort = initial;
    this.headers = [...table.querySelectorAll('th[data-sort]')];
    for (const th of this.headers) {
      const button = th.querySelector('.sort-btn');
      button.title = t('table.sortHint');
      button.addEventListener('click', () => {
        const field = th.dataset.sort;
        const current = this.sort?.field === field ? this.sort.dir : null;
        this.sort = current === null ? { field, dir: 'asc' } : current === 'asc' ? { field, dir: 'desc' } : null;
        this.render();
        onChange(this.sort);
      });
    }
    this.render();
  }

  render() {
    for (const th of this.headers) {
      if (this.sort?.field === th.dataset.sort) {
        th.setAttribute('aria-sort', this.sort.dir === 'asc' ? 'ascending' : 'descending');
      } else {
        th.removeAttribute('aria-sort');
      }
    }
  }
}

// ---- Paged list -------------------------------------------------------------------------

/** A table row saying the list is empty (message key), spanning every column. */
export function emptyRow(table, key) {
  const columns = table.tHead.rows[0].cells.length;
  return el('tr', {}, el('td', { colspan: columns, class: 'empty', text: t(key) }));
}

/**
 * A server-paged list in a table with "load more"; answers to superseded requests are dropped.
 *   path         list endpoint answering {items, total, page, size}
 *   params()     the current filter, sort and so on
 *   table        the <table>; its aria-busy is set while a page loads
 *   loadMore     the "load more" button
 *   errorBox     where request errors are shown
 * Rendering, either the default:
 *   row(item, selected)  builds each <tr> (with data-key when rows can be selected)
 *   emptyKey     message for an empty result
 *   count        element for the count line (message countKey with {shown}, {total})
 * or render(list) for anything else. Optional:
 *   onSelect(key)    a row was chosen (click, Enter or Space)
 *   onLoaded(items)  a page arrived (before rendering)
 *   onFailed(append) a page could not be loaded (after the error is shown)
 */
export class PagedList {
  constructor({
    path, pageSize = 50, params, table, loadMore, errorBox,
    row, emptyKey, count, countKey = 'table.count', render, onSelect, onLoaded, onFailed,
  }) {
    Object.assign(this, { path, pageSize, params, table, loadMore, errorBox, row, emptyKey, count, countKey });
    this.renderWith = render ?? null;
    this.onLoaded = onLoaded ?? null;
    this.onFailed = onFailed ?? null;
    this.items = [];
    this.total = 0;
    this.page = 0;
    this.selected = null;
    this.seq = 0;

    loadMore.addEventListener('click', () => this.load({ append: true }));
    if (onSelect) onChoose(table.tBodies[0], 'tr[data-key]', (tr) => onSelect(tr.dataset.key));
  }

  /** Loads the first page (or the next one with append); resolves true on success. */
  async load({ append = false } = {}) {
    const seq = ++this.seq;
    const page = append ? this.page + 1 : 0;
    this.loadMore.disabled = true;
    this.table.setAttribute('aria-busy', 'true');
    try {
      const result = await api.get(this.path, { ...this.params(), page, size: this.pageSize });
      if (seq !== this.seq) return false; // superseded by a newer request
      const items = result?.items ?? [];
      this.items = append ? [...this.items, ...items] : items;
      this.total = result?.total ?? this.items.length;
      this.page = result?.page ?? page;
      this.onLoaded?.(items);
      this.errorBox.replaceChildren();
      this.render();
      return true;
    } catch (error) {
      if (seq !== this.seq) return false;
      renderError(this.errorBox, error);
      this.onFailed?.(append);
      return false;
    } finally {
      if (seq === this.seq) {
        this.loadMore.disabled = false;
        this.table.removeAttribute('aria-busy');
      }
    }
  }

  render() {
    if (this.renderWith) {
      this.renderWith(this);
    } else {
      const tbody = this.table.tBodies[0];
      if (this.items.length === 0) tbody.replaceChildren(emptyRow(this.table, this.emptyKey));
      else tbody.replaceChildren(...this.items.map((item) => this.row(item, item.code === this.selected)));
      this.count.textContent = t(this.countKey, { shown: fmt.number(this.items.length), total: fmt.number(this.total) });
    }
    this.loadMore.hidden = this.items.length >= this.total;
  }

  find(key) {
    return this.items.find((item) => item.code === key) ?? null;
  }

  /** Highlights the row of key (null: none). */
  markSelected(key) {
    this.selected = key;
    for (const tr of this.table.tBodies[0].rows) {
      const on = key !== null && tr.dataset.key === key;
      tr.classList.toggle('selected', on);
      if (on) tr.setAttribute('aria-current', 'true');
      else tr.removeAttribute('aria-current');
    }
  }
}

/**
 * Calls choose(node) when a node matching selector inside container is clicked, or has the focus when
 * Enter or Space is pressed. Clicks on links and buttons inside it are theirs.
 */
export function onChoose(container, selector, choose) {
  container.addEventListener('click', (event) => {
    const node = event.target.closest(selector);
    if (node && container.contains(node) && !event.target.closest('a, button')) choose(node);
  });
  container.addEventListener('keydown', (event) => {
    if (event.target.matches(selector) && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      choose(event.target);
    }
  });
}

/** Attributes shared by every selectable row. */
export function rowProps(key, selected, extraClass = '') {
  return {
    'data-key': key,
    tabindex: 0,
    class: [selected ? 'selected' : '', extraClass].join(' ').trim() || null,
    'aria-current': selected ? 'true' : null,
  };
}

// ---- Detail panel -----------------------------------------------------------------------

// Below this width the detail panel sits under the list (see app.css), so it is scrolled to.
const STACKED_LAYOUT = '(max-width: 960px)';

/**
 * The <aside> beside a list. Hidden until something is selected; the list then gives it room.
 * onClose runs when the user closes it (button or Escape).
 */
export class DetailPanel {
  constructor(panel, onClose) {
    this.panel = panel;
    this.onClose = onClose;
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  /** Head with title, extra badges and a close button. */
  head(title, ...extras) {
    return el('div', { class: 'detail-head' },
      el('h2', { text: title }),
      el('div', { class: 'detail-head-tools' }, extras,
        el('button', {
          type: 'button',
          class: 'btn-close',
          'aria-label': t('action.close'),
          title: t('action.close'),
          text: '×',
          onclick: () => this.close(),
        })));
  }

  show(...nodes) {
    this.panel.replaceChildren(...nodes);
    this.panel.hidden = false;
    this.panel.scrollTop = 0;
    if (window.matchMedia(STACKED_LAYOUT).matches) this.panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  /** Shows an error (with the usual head, so the panel can still be closed). */
  error(error, title = '') {
    const box = el('div');
    renderError(box, error);
    this.show(this.head(title), box);
  }

  close() {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.panel.replaceChildren();
    this.onClose?.();
  }
}

/** <dt>/<dd> pair; value may be a Node, text, or empty (shown as a dash). */
export function detailItem(label, value, { mono = false } = {}) {
  const dd = el('dd', { class: mono ? 'mono' : null });
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) dd.append(el('span', { class: 'muted', text: '—' }));
  else if (value instanceof Node) dd.append(value);
  else if (Array.isArray(value)) dd.append(...value.filter((v) => v !== null && v !== undefined));
  else dd.textContent = String(value);
  return [el('dt', { text: label }), dd];
}

/** A titled group of detail items. */
export function detailSection(title, ...items) {
  return el('section', { class: 'detail-section' },
    el('h3', { text: title }),
    el('dl', { class: 'detail-list' }, ...items));
}

export const yesNo = (value) => (value === null || value === undefined ? null : t(value ? 'common.yes' : 'common.no'));

/**
 * One figure of a summary strip. With onClick it is a toggle button (active = pressed), e.g. a
 * count that filters the list by its status.
 */
export function statItem({ label, value, note, tone, onClick, active = false, title, attrs = {} }) {
  const content = [
    el('span', { class: 'stat-label' }, tone ? el('span', { class: `dot dot-${tone}`, 'aria-hidden': 'true' }) : null, label),
    el('span', { class: 'stat-value', text: value }),
    note ? el('span', { class: 'stat-note', text: note }) : null,
  ];
  if (!onClick) return el('div', { class: 'stat', ...attrs }, content);
  return el('button', {
    type: 'button',
    class: active ? 'stat stat-button active' : 'stat stat-button',
    'aria-pressed': active ? 'true' : 'false',
    title,
    onclick: onClick,
    ...attrs,
  }, content);
}

/** Code chips (aliases, related codes). */
export const codeList = (codes) => (codes?.length ? el('ul', { class: 'chip-list' }, codes.map((c) => el('li', { class: 'chip mono', text: c }))) : null);
