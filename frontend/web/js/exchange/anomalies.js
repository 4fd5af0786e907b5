// Anomalies to triage: failure ratios over the threshold, unusual traffic, silent providers, clock
// skew and duplicate message ids. The office marks each acknowledged or normal.

import { api } from '../api.js';
import { t, tEnum, fmt } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { resources, named } from '../names.js';
import { $, isAdmin, narrowingOrg, orgCell, trafficParams } from './context.js';
import { Pager } from './pager.js';
import { dash, isEmptyValue, millis, percent, periodText } from './format.js';

export const ANOMALY_KINDS = ['FAILURE_RATIO', 'UNUSUAL_TRAFFIC', 'SILENT_PROVIDER', 'CLOCK_SKEW', 'DUPLICATE_MESSAGE_ID'];
export const ANOMALY_STATUSES = ['NEW', 'ACKNOWLEDGED', 'NORMAL', 'RESOLVED'];
const KIND_TONES = { FAILURE_RATIO: 'danger', UNUSUAL_TRAFFIC: 'warn', SILENT_PROVIDER: 'warn', CLOCK_SKEW: 'info', DUPLICATE_MESSAGE_ID: 'info' };
const STATUS_TONES = { NEW: 'danger', ACKNOWLEDGED: 'info', NORMAL: 'ok', RESOLVED: 'ok' };

const DETAIL_PERCENT_KEYS = /ratio|threshold|share|rate/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

let list;

// ---- Detail text ------------------------------------------------------------------------

function detailValue(key, value) {
  if (value === null || value === undefined) return dash;
  if (typeof value === 'number') {
    return DETAIL_PERCENT_KEYS.test(key) && Math.abs(value) <= 1 ? percent(value) : fmt.number(value, { maximumFractionDigits: 2 });
  }
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return fmt.dateTime(value);
  if (Array.isArray(value)) return value.map((v) => detailValue(key, v)).join(t('common.listSeparator'));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "失败 40 / 100 次（40.0%），阈值 20.0%" for the known shapes; label: value pairs otherwise. */
function detailSummary(anomaly) {
  const d = anomaly.detail && typeof anomaly.detail === 'object' ? anomaly.detail : {};
  const has = (...keys) => keys.every((k) => !isEmptyValue(d[k]));
  const usual = d.baseline ?? d.usual ?? d.expected ?? d.usualCalls ?? d.baselineCalls;
  switch (anomaly.kind) {
    case 'FAILURE_RATIO':
      if (has('calls', 'failedCalls')) {
        const ratio = d.ratio ?? (Number(d.calls) > 0 ? d.failedCalls / d.calls : null);
        const text = t('exchange.anomaly.detail.FAILURE_RATIO', { failed: fmt.number(d.failedCalls), calls: fmt.number(d.calls), ratio: percent(ratio) });
        return isEmptyValue(d.threshold) ? text : `${text}${t('exchange.anomaly.detail.threshold', { threshold: percent(d.threshold) })}`;
      }
      break;
    case 'UNUSUAL_TRAFFIC':
      if (has('calls') && !isEmptyValue(usual)) {
        return t('exchange.anomaly.detail.UNUSUAL_TRAFFIC', { calls: fmt.number(d.calls), usual: fmt.number(usual, { maximumFractionDigits: 1 }) });
      }
      break;
    case 'SILENT_PROVIDER': {
      const last = d.lastTraffic ?? d.lastSeen ?? d.lastCall;
      if (!isEmptyValue(last)) return t('exchange.anomaly.detail.SILENT_PROVIDER', { since: fmt.dateTime(last) });
      break;
    }
    case 'CLOCK_SKEW':
      if (has('calls') && (has('minRequestNetworkMs') || has('minResponseNetworkMs'))) {
        return t('exchange.anomaly.detail.CLOCK_SKEW', {
          calls: fmt.number(d.calls),
          request: isEmptyValue(d.minRequestNetworkMs) ? dash : millis(d.minRequestNetworkMs),
          response: isEmptyValue(d.minResponseNetworkMs) ? dash : millis(d.minResponseNetworkMs),
        });
      }
      break;
    case 'DUPLICATE_MESSAGE_ID':
      if (has('messageId', 'calls')) {
        return t('exchange.anomaly.detail.DUPLICATE_MESSAGE_ID', { messageId: d.messageId, calls: fmt.number(d.calls) });
      }
      break;
    default:
      break;
  }
  const entries = Object.entries(d);
  if (!entries.length) return dash;
  return entries.map(([k, v]) => `${tEnum('exchange.detailKey', k)}: ${detailValue(k, v)}`).join(t('exchange.anomaly.detail.separator'));
}

// ---- Rows -------------------------------------------------------------------------------

function toneBadge(prefix, value, tones) {
  const node = badge(tEnum(prefix, value), tones[value] ?? 'neutral');
  node.setAttribute('data-value', value);
  return node;
}

function triageButton(anomaly, status, className, text, hint) {
  return el('button', {
    type: 'button',
    class: `btn btn-sm ${className}`,
    'data-status': status,
    title: hint,
    text,
    onclick: (event) => triage(anomaly, status, event.currentTarget),
  });
}

function statusCell(a) {
  const status = toneBadge('exchange.anomalyStatus', a.status, STATUS_TONES);
  status.classList.add('anomaly-status');
  const cell = el('td', { class: 'status-cell' }, status);
  if (a.triagedBy) {
    cell.append(el('div', { class: 'muted small', text: t('exchange.anomaly.triagedBy', { who: a.triagedBy }) }));
  }
  if (a.note) cell.append(el('div', { class: 'small anomaly-note', text: a.note }));
  if (isAdmin() && a.status === 'NEW') {
    cell.append(el('div', { class: 'row-actions' },
      triageButton(a, 'ACKNOWLEDGED', 'anomaly-ack', t('exchange.anomaly.ack'), t('exchange.anomaly.ackHint')),
      triageButton(a, 'NORMAL', 'anomaly-normal', t('exchange.anomaly.normal'), t('exchange.anomaly.normalHint'))));
  }
  return cell;
}

function anomalyRow(a) {
  return el('tr', { 'data-id': a.id, 'data-kind': a.kind, 'data-status': a.status },
    el('td', {}, toneBadge('exchange.anomalyKind', a.kind, KIND_TONES)),
    el('td', { class: 'small', text: periodText(a.periodStart, a.periodEnd) }),
    orgCell(a.provider),
    orgCell(a.consumer),
    el('td', { class: 'name-cell' }, named(a.resource, resources.name(a.resource)) ?? dash),
    el('td', { class: 'anomaly-detail', title: a.detail ? JSON.stringify(a.detail) : null, text: detailSummary(a) }),
    statusCell(a));
}

/** With an organisation chosen, only the anomalies it is party to (the list API takes no organisation). */
function visibleAnomalies(items) {
  const org = narrowingOrg();
  return org ? items.filter((a) => a.provider === org || a.consumer === org) : items;
}

/** The anomaly a link named (?anomaly=<id>, e.g. from the leadership overview's alerts): marked and shown once. */
const linked = new URLSearchParams(window.location.search).get('anomaly');
let linkedShown = false;

function renderAnomalies({ items, total }) {
  const table = $('exchange-anomaly-table');
  const rows = visibleAnomalies(items);
  table.tBodies[0].replaceChildren(...(rows.length ? rows.map(anomalyRow) : [emptyRow(table, 'exchange.anomalies.empty')]));
  const row = linked ? table.tBodies[0].querySelector(`tr[data-id="${CSS.escape(linked)}"]`) : null;
  if (row) {
    row.classList.add('selected');
    row.setAttribute('aria-current', 'true');
    if (!linkedShown) row.scrollIntoView({ block: 'center' });
    linkedShown = true;
  }
  $('exchange-anomaly-count').textContent = rows.length !== items.length
    ? t('exchange.anomalies.countForOrg', { shown: fmt.number(rows.length), loaded: fmt.number(items.length), total: fmt.number(total) })
    : '';
}

// ---- Triage -----------------------------------------------------------------------------

async function triage(anomaly, status, button) {
  const buttons = button.closest('.row-actions')?.querySelectorAll('button') ?? [button];
  for (const b of buttons) b.disabled = true;
  const line = $('exchange-anomaly-status-line');
  line.textContent = '';
  try {
    const updated = await api.put(`/api/v1/exchange/anomalies/${encodeURIComponent(anomaly.id)}`, { status });
    const next = updated && typeof updated === 'object' && updated.id === anomaly.id ? updated : { ...anomaly, status };
    list.items = list.items.map((a) => (a.id === anomaly.id ? next : a));
    $('exchange-anomalies-error').replaceChildren();
    list.render();
    line.textContent = t('exchange.anomaly.triaged', { kind: tEnum('exchange.anomalyKind', anomaly.kind), status: tEnum('exchange.anomalyStatus', next.status) });
  } catch (error) {
    renderError($('exchange-anomalies-error'), error);
    for (const b of buttons) b.disabled = false;
  }
}

// ---- Loading ----------------------------------------------------------------------------

/** The first page for the current period and filters (resource names first); resolves true on success. */
export const loadAnomalies = async () => {
  await resources.load();
  return list.load();
};

export function initAnomalies() {
  const fill = (select, values, prefix) => values.forEach((value) => select.append(el('option', { value, text: tEnum(prefix, value) })));
  fill($('exchange-anomaly-status'), ANOMALY_STATUSES, 'exchange.anomalyStatus');
  fill($('exchange-anomaly-kind'), ANOMALY_KINDS, 'exchange.anomalyKind');
  list = new Pager({
    path: '/api/v1/exchange/anomalies',
    params: () => {
      const { from, to } = trafficParams();
      return { status: $('exchange-anomaly-status').value, kind: $('exchange-anomaly-kind').value, from, to };
    },
    nav: $('exchange-anomaly-pager'),
    errorBox: $('exchange-anomalies-error'),
    renderError,
    render: renderAnomalies,
    failed: () => {
      list.items = [];
      $('exchange-anomaly-table').tBodies[0].replaceChildren();
      $('exchange-anomaly-count').textContent = '';
    },
  });
  $('exchange-anomaly-status').addEventListener('change', loadAnomalies);
  $('exchange-anomaly-kind').addEventListener('change', loadAnomalies);
}
