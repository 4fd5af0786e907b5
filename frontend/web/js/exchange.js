// Data exchange ("数据共享交换"): what the city data-sharing exchange platform carried in a period -
// summary cards, calls and failure rate over time, provider -> consumer flows, top resources, the
// organisations (a row drills down to one), this year against last year, anomalies to triage,
// zombie-system candidates, quarantined records and the pull collector's sources.
// Period and organisation are mirrored in the URL (?period=&organisation=).
//
// from / to are computed here, in the browser's time zone, and sent with an offset
// (2026-11-28T00:00:00+08:00); the server answers a DEPARTMENT user for its own organisation only.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt, getLanguage, storedReason } from './i18n.js';
import { el, badge, renderError, problemLines, markLoaded } from './dom.js';
import { OrgDirectory, isScoped, queryParams, writeQuery, selectIfOffered, rowProps, codeList } from './registry.js';

const $ = (id) => document.getElementById(id);

const PERIODS = ['24h', '7d', '30d', 'year', 'lastyear'];
const DEFAULT_PERIOD = '7d';
// The flow heat-map shows this many providers (rows) and consumers (columns), busiest first.
const FLOW_TOP = 15;
const RESOURCE_LIMIT = 10;
const PAGE_SIZE = 50;
const RECENT_RUNS = 5;
// A success rate below this is shown as a warning card.
const SUCCESS_RATE_WARN = 0.95;

const ANOMALY_KINDS = ['FAILURE_RATIO', 'UNUSUAL_TRAFFIC', 'SILENT_PROVIDER', 'CLOCK_SKEW', 'DUPLICATE_MESSAGE_ID'];
const ANOMALY_STATUSES = ['NEW', 'ACKNOWLEDGED', 'NORMAL'];
const KIND_TONES = { FAILURE_RATIO: 'danger', UNUSUAL_TRAFFIC: 'warn', SILENT_PROVIDER: 'warn', CLOCK_SKEW: 'info', DUPLICATE_MESSAGE_ID: 'info' };
const STATUS_TONES = { NEW: 'danger', ACKNOWLEDGED: 'info', NORMAL: 'ok' };
const RUN_TONES = { SUCCEEDED: 'ok', FAILED: 'danger', RUNNING: 'info' };

const COLOURS = { calls: '#1f5fa8', failure: '#c0392b', previous: '#9aa3af', grid: '#e6eaf0', axis: '#c5ccd6', text: '#3a4556', muted: '#6b7280' };

const state = {
  me: null,
  orgs: new OrgDirectory(),
  range: null,
  seq: 0,
  loadedOnce: false,
  charts: {},
  anomalies: { items: [], total: 0, page: 0, seq: 0 },
  quarantine: { items: [], total: 0, page: 0, seq: 0 },
};

const isAdmin = () => state.me?.role === 'EGOV_ADMIN';
const canSeeQuarantine = () => ['EGOV_ADMIN', 'AUDITOR'].includes(state.me?.role);
const isEmptyValue = (v) => v === null || v === undefined || v === '';

// ---- Period -----------------------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');

/** "2026-11-28T00:00:00+08:00": local wall time with the browser's offset, seconds precision. */
function isoWithOffset(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    + `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * {from, to, year} of a period ending now. 24h: the current hour and the 23 before it; 7d / 30d:
 * whole days including today; year: since 1 January; lastyear: the whole previous calendar year.
 */
function periodRange(period, now = new Date()) {
  const to = new Date(now);
  to.setMilliseconds(0);
  const day = (offsetDays) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays);
  switch (period) {
    case '24h': {
      const from = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() - 23);
      return { from, to, year: now.getFullYear() };
    }
    case '30d':
      return { from: day(-29), to, year: now.getFullYear() };
    case 'year':
      return { from: new Date(now.getFullYear(), 0, 1), to, year: now.getFullYear() };
    case 'lastyear':
      return { from: new Date(now.getFullYear() - 1, 0, 1), to: new Date(now.getFullYear(), 0, 1), year: now.getFullYear() - 1 };
    case '7d':
    default:
      return { from: day(-6), to, year: now.getFullYear() };
  }
}

/** periodRange, never empty (the API refuses to <= from, which "year" would be at midnight on 1 January). */
function safeRange(period) {
  const range = periodRange(period);
  if (range.to <= range.from) range.to = new Date(range.from.getTime() + 1000);
  return range;
}

function currentPeriod() {
  const value = $('exchange-period').value;
  return PERIODS.includes(value) ? value : DEFAULT_PERIOD;
}

/** The selected organisation code, or null for all. A department's locked select holds its own. */
const currentOrg = () => $('exchange-org').value || null;

/** Parameters every traffic call gets. */
function trafficParams() {
  return { from: isoWithOffset(state.range.from), to: isoWithOffset(state.range.to), organisation: currentOrg() };
}

function syncUrl() {
  writeQuery({ period: currentPeriod(), organisation: isScoped(state.me) ? null : currentOrg() });
}

// ---- Formatting -------------------------------------------------------------------------

const dash = '—';
const num = (v) => (isEmptyValue(v) ? dash : fmt.number(v));
const percent = (v, digits = 1) => (isEmptyValue(v) || !Number.isFinite(Number(v))
  ? dash
  : fmt.number(v, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }));
const millis = (v) => (isEmptyValue(v) ? dash : fmt.number(v, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 1 }));
const compact = (v) => fmt.number(v, { notation: 'compact', maximumFractionDigits: 1 });

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];

/** 1048576 -> "1 MB" (decimal units, as the platform reports bytes). */
function humanBytes(value) {
  if (isEmptyValue(value)) return dash;
  let v = Number(value);
  let i = 0;
  while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i += 1;
  }
  return fmt.number(v, { style: 'unit', unit: BYTE_UNITS[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 });
}

/** A period length in words, e.g. "5分钟" / "5 minutes". */
function duration(seconds) {
  if (isEmptyValue(seconds)) return dash;
  const s = Number(seconds);
  const [value, unit] = s % 3600 === 0 ? [s / 3600, 'hour'] : s % 60 === 0 ? [s / 60, 'minute'] : [s, 'second'];
  return fmt.number(value, { style: 'unit', unit, unitDisplay: 'long' });
}

const dateFormats = new Map();
function dateFormat(options) {
  const key = JSON.stringify(options);
  if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(getLanguage(), options));
  return dateFormats.get(key);
}

/** Parses an API instant, or a plain "2026-11-28" / "2026-11" as a local date. */
function parseTime(value) {
  if (isEmptyValue(value)) return null;
  const plain = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(value));
  const date = plain ? new Date(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3] ?? 1)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const AXIS_FORMATS = {
  HOUR: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  DAY: { month: '2-digit', day: '2-digit' },
  MONTH: { year: 'numeric', month: '2-digit' },
};

function bucketLabel(value, granularity) {
  const date = parseTime(value);
  if (!date) return String(value ?? '');
  return dateFormat(AXIS_FORMATS[granularity] ?? AXIS_FORMATS.DAY).format(date);
}

/** "2026/11/28 10:00:00 – 11:00:00", the end's date only when it differs. */
function periodText(start, end) {
  const a = parseTime(start);
  const b = parseTime(end);
  if (!a) return dash;
  if (!b) return fmt.dateTime(a);
  return `${fmt.dateTime(a)} – ${a.toDateString() === b.toDateString() ? fmt.time(b) : fmt.dateTime(b)}`;
}

const orgName = (code) => (isEmptyValue(code) ? '' : state.orgs.name(code));

/** Minimal escaping for the few ECharts tooltip formatters (ECharts renders them as HTML). */
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const emptyRow = (table, key) => {
  const columns = table.tHead.rows[0].cells.length;
  return el('tr', { class: 'empty-row' }, el('td', { colspan: columns, class: 'empty', text: t(key) }));
};

// ---- Charts -----------------------------------------------------------------------------

function baseOption() {
  return {
    aria: { enabled: true },
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    animationDuration: 400,
  };
}

/** The ECharts instance of a container (created once), or null when the library did not load. */
function chartFor(id) {
  const container = $(id);
  if (!window.echarts) {
    container.replaceChildren(el('p', { class: 'empty', text: t('exchange.chart.unavailable') }));
    container.setAttribute('data-state', 'unavailable');
    return null;
  }
  if (!state.charts[id]) {
    const chart = window.echarts.init(container, null, { renderer: 'canvas', locale: getLanguage() === 'en' ? 'EN' : 'ZH' });
    new ResizeObserver(() => chart.resize()).observe(container);
    state.charts[id] = chart;
  }
  return state.charts[id];
}

/** A centred message instead of a chart (no data, or the request failed). */
function chartMessage(id, text, stateName) {
  const chart = chartFor(id);
  $(id).setAttribute('data-state', stateName);
  if (!chart) return;
  const fill = stateName === 'error' ? COLOURS.failure : COLOURS.muted;
  chart.setOption({
    ...baseOption(),
    graphic: [{ type: 'text', left: 'center', top: 'middle', silent: true, style: { text, fill, fontSize: 14, lineHeight: 22, textAlign: 'center' } }],
  }, true);
}

const chartEmpty = (id) => chartMessage(id, t('exchange.chart.empty'), 'empty');
/** Shows the failure in the chart and clears its note, which would describe the previous data. */
const chartError = (id, noteId, error) => {
  if (noteId) $(noteId).textContent = '';
  chartMessage(id, `${t('exchange.chart.failed')}\n${problemLines(error)[0]}`, 'error');
};

function setChart(id, option) {
  const chart = chartFor(id);
  $(id).setAttribute('data-state', 'data');
  if (chart) chart.setOption({ ...baseOption(), ...option }, true);
}

// ---- Summary cards ----------------------------------------------------------------------

function card({ metric, label, value, note, alert = false }) {
  return el('article', { class: `card${alert ? ' card-alert' : ''}`, 'data-metric': metric },
    el('div', { class: 'card-label', text: label }),
    el('div', { class: 'card-value', text: value }),
    note ? el('div', { class: 'card-note', text: note }) : null);
}

function renderCards(total) {
  const calls = Number(total?.calls ?? 0);
  const failed = Number(total?.failedCalls ?? 0);
  const rate = calls > 0 ? total?.successRate ?? (calls - failed) / calls : null;
  const records = Number(total?.records ?? 0);
  $('exchange-cards').replaceChildren(
    card({ metric: 'calls', label: t('exchange.card.calls'), value: fmt.number(calls), note: t('exchange.card.callsNote', { failed: fmt.number(failed) }) }),
    card({
      metric: 'records',
      label: t('exchange.card.records'),
      value: fmt.number(records),
      note: calls > 0 ? t('exchange.card.recordsNote', { perCall: fmt.number(records / calls, { maximumFractionDigits: 1 }) }) : null,
    }),
    card({ metric: 'bytes', label: t('exchange.card.bytes'), value: humanBytes(total?.bytes ?? 0), note: t('exchange.card.bytesNote', { bytes: fmt.number(total?.bytes ?? 0) }) }),
    card({
      metric: 'successRate',
      label: t('exchange.card.successRate'),
      value: percent(rate),
      note: calls > 0 ? t('exchange.card.successRateNote', { ok: fmt.number(calls - failed), calls: fmt.number(calls) }) : t('exchange.card.noCalls'),
      alert: rate !== null && Number(rate) < SUCCESS_RATE_WARN,
    }),
    card({
      metric: 'avgLatency',
      label: t('exchange.card.avgLatency'),
      value: millis(total?.avgLatencyMs),
      note: isEmptyValue(total?.maxLatencyMs) || calls === 0 ? null : t('exchange.card.maxLatency', { max: millis(total.maxLatencyMs) }),
    }));
}

// ---- Organisations table ----------------------------------------------------------------

const callsOf = (o, side) => Number(o?.[side]?.calls ?? 0);

function renderOrgTable(organisations) {
  const table = $('exchange-org-table');
  const tbody = table.tBodies[0];
  const rows = [...(organisations ?? [])]
    .sort((a, b) => callsOf(b, 'provided') + callsOf(b, 'consumed') - callsOf(a, 'provided') - callsOf(a, 'consumed'));
  const drillable = !isScoped(state.me);
  const selected = currentOrg();
  table.classList.toggle('table-hover', drillable);

  if (!rows.length) {
    tbody.replaceChildren(emptyRow(table, 'exchange.orgs.empty'));
  } else {
    tbody.replaceChildren(...rows.map((o) => {
      const props = drillable
        ? { ...rowProps(o.organisation, o.organisation === selected), title: t('exchange.orgs.drill', { name: orgName(o.organisation) }) }
        : { 'data-key': o.organisation, class: o.organisation === selected ? 'selected' : null };
      return el('tr', props,
        el('td', { class: 'name-cell' }, el('span', { class: 'strong', text: orgName(o.organisation) })),
        el('td', { class: 'num', text: fmt.number(callsOf(o, 'provided')) }),
        el('td', { class: 'num', text: fmt.number(callsOf(o, 'consumed')) }),
        el('td', { class: 'num', text: callsOf(o, 'provided') > 0 ? percent(o.provided?.successRate) : dash }),
        el('td', { class: 'num', text: callsOf(o, 'provided') > 0 ? millis(o.provided?.avgLatencyMs) : dash }));
    }));
  }

  const hint = $('exchange-org-hint');
  if (drillable && selected) {
    hint.replaceChildren(
      el('span', { text: t('exchange.orgs.showing', { name: orgName(selected) }) }), ' ',
      el('button', { id: 'exchange-org-clear', type: 'button', class: 'btn btn-sm', text: t('exchange.orgs.showAll'), onclick: () => drillTo('') }));
  } else {
    hint.textContent = drillable ? t('exchange.orgs.hint') : t('registry.scopedToOwn');
  }
}

/** Makes code the selected organisation ('' for all) and reloads the page's figures. */
function drillTo(code) {
  const select = $('exchange-org');
  if (select.disabled) return;
  if (code && ![...select.options].some((o) => o.value === code)) {
    select.append(el('option', { value: code, text: orgName(code) })); // traffic of an organisation the directory lacks
  }
  select.value = code;
  reloadAll();
  window.scrollTo({ top: 0, behavior: 'smooth' });
}

function wireOrgTable() {
  const tbody = $('exchange-org-table').tBodies[0];
  const choose = (event) => {
    const tr = event.target.closest('tr[data-key]');
    if (tr && !isScoped(state.me)) drillTo(tr.dataset.key);
  };
  tbody.addEventListener('click', choose);
  tbody.addEventListener('keydown', (event) => {
    if (event.target.matches('tr[data-key]') && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      choose(event);
    }
  });
}

// ---- Trend ------------------------------------------------------------------------------

function renderTrend(series) {
  const points = series?.points ?? [];
  const granularity = series?.granularity ?? 'DAY';
  $('exchange-trend-note').textContent = t(`exchange.granularity.${['HOUR', 'DAY', 'MONTH'].includes(granularity) ? granularity : 'DAY'}`);
  if (!points.length || points.every((p) => !Number(p.calls))) {
    chartEmpty('chart-exchange-trend');
    return;
  }
  const labels = points.map((p) => bucketLabel(p.t, granularity));
  const calls = points.map((p) => Number(p.calls ?? 0));
  const failureRate = points.map((p) => (Number(p.calls) > 0 ? Number(p.failedCalls ?? 0) / Number(p.calls) : null));
  setChart('chart-exchange-trend', {
    grid: { left: 8, right: 8, top: 40, bottom: points.length > 60 ? 36 : 8, containLabel: true },
    legend: { top: 0, data: [t('exchange.series.calls'), t('exchange.series.failureRate')] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    dataZoom: points.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }] : [],
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: COLOURS.axis } },
      axisLabel: { color: COLOURS.text, hideOverlap: true },
    },
    yAxis: [
      {
        type: 'value',
        name: t('exchange.series.calls'),
        minInterval: 1,
        axisLabel: { formatter: (v) => compact(v) },
        splitLine: { lineStyle: { color: COLOURS.grid } },
      },
      {
        type: 'value',
        name: t('exchange.series.failureRate'),
        min: 0,
        max: (extent) => Math.min(1, Math.max(0.05, Math.ceil(extent.max * 20) / 20)),
        axisLabel: { formatter: (v) => percent(v, 0) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: t('exchange.series.calls'),
        type: 'bar',
        data: calls,
        barMaxWidth: 24,
        itemStyle: { color: COLOURS.calls },
        tooltip: { valueFormatter: (v) => fmt.number(v) },
      },
      {
        name: t('exchange.series.failureRate'),
        type: 'line',
        yAxisIndex: 1,
        data: failureRate,
        symbolSize: 5,
        connectNulls: false,
        itemStyle: { color: COLOURS.failure },
        lineStyle: { width: 2 },
        tooltip: { valueFormatter: (v) => percent(v) },
      },
    ],
  });
}

// ---- Flows ------------------------------------------------------------------------------

/** Codes ordered by their total under key, busiest first, at most n. */
function busiest(flows, key, n) {
  const totals = new Map();
  for (const f of flows) totals.set(f[key], (totals.get(f[key]) ?? 0) + Number(f.calls ?? 0));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([code]) => code);
}

function renderFlows(result) {
  const flows = (result?.flows ?? []).filter((f) => Number(f.calls) > 0);
  const note = $('exchange-flows-note');
  if (!flows.length) {
    note.textContent = '';
    chartEmpty('chart-exchange-flows');
    return;
  }
  const providers = busiest(flows, 'provider', FLOW_TOP);
  const consumers = busiest(flows, 'consumer', FLOW_TOP);
  const pIndex = new Map(providers.map((c, i) => [c, i]));
  const cIndex = new Map(consumers.map((c, i) => [c, i]));
  const shown = flows.filter((f) => pIndex.has(f.provider) && cIndex.has(f.consumer));
  const data = shown.map((f) => ({ value: [cIndex.get(f.consumer), pIndex.get(f.provider), Number(f.calls)], flow: f }));
  const max = Math.max(1, ...data.map((d) => d.value[2]));
  const orgCount = new Set([...flows.map((f) => f.provider), ...flows.map((f) => f.consumer)]).size;
  note.textContent = providers.length < new Set(flows.map((f) => f.provider)).size || consumers.length < new Set(flows.map((f) => f.consumer)).size
    ? t('exchange.flows.top', { n: FLOW_TOP, orgs: fmt.number(orgCount) })
    : t('exchange.flows.all', { flows: fmt.number(flows.length) });

  const labelStyle = { color: COLOURS.text, width: 96, overflow: 'truncate' };
  setChart('chart-exchange-flows', {
    grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (p) => {
        const f = p.data.flow;
        return `${escapeHtml(orgName(f.provider))} → ${escapeHtml(orgName(f.consumer))}<br>`
          + `${escapeHtml(t('exchange.series.calls'))}: <b>${escapeHtml(fmt.number(f.calls))}</b><br>`
          + `${escapeHtml(t('exchange.col.failedCalls'))}: ${escapeHtml(fmt.number(f.failedCalls ?? 0))}<br>`
          + `${escapeHtml(t('exchange.col.records'))}: ${escapeHtml(fmt.number(f.records ?? 0))}<br>`
          + `${escapeHtml(t('exchange.card.bytes'))}: ${escapeHtml(humanBytes(f.bytes ?? 0))}`;
      },
    },
    xAxis: {
      type: 'category',
      data: consumers.map(orgName),
      position: 'top',
      splitArea: { show: true },
      axisTick: { show: false },
      axisLabel: { ...labelStyle, rotate: 40, interval: 0, width: 84 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: providers.map(orgName),
      splitArea: { show: true },
      axisTick: { show: false },
      axisLabel: { ...labelStyle, interval: 0 },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      formatter: (v) => compact(v),
      inRange: { color: ['#eef4fb', '#8fb5e0', '#1f5fa8', '#0f3a6b'] },
    },
    series: [{
      name: t('exchange.flows.title'),
      type: 'heatmap',
      data,
      label: {
        show: providers.length * consumers.length <= 64,
        formatter: (p) => compact(p.value[2]),
        fontSize: 11,
      },
      emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1, shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
    }],
  });
}

// ---- Top resources ----------------------------------------------------------------------

function renderResources(result) {
  const table = $('exchange-resources');
  const rows = result?.resources ?? [];
  if (!rows.length) {
    table.tBodies[0].replaceChildren(emptyRow(table, 'exchange.resources.empty'));
    return;
  }
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const calls = Number(r.calls ?? 0);
    const rate = r.successRate ?? (calls > 0 ? (calls - Number(r.failedCalls ?? 0)) / calls : null);
    return el('tr', { 'data-key': r.resource },
      el('td', { class: 'mono code-cell', text: r.resource }),
      el('td', { class: 'name-cell', text: orgName(r.provider) }),
      el('td', { class: 'num', text: fmt.number(calls) }),
      el('td', { class: Number(r.failedCalls) > 0 ? 'num text-danger' : 'num', text: num(r.failedCalls ?? 0) }),
      el('td', { class: 'num', text: num(r.records ?? 0) }),
      el('td', { class: 'num' }, rate === null ? dash : rateBadge(rate)));
  }));
}

function rateBadge(rate) {
  const tone = rate >= 0.99 ? 'ok' : rate >= SUCCESS_RATE_WARN ? 'warn' : 'danger';
  return badge(percent(rate), tone);
}

// ---- Year over year ---------------------------------------------------------------------

function renderYoy(result, year) {
  const y = Number(result?.year ?? year);
  $('exchange-yoy-title').textContent = t('exchange.yoy.titleYears', { year: y, previous: y - 1 });
  const months = new Map((result?.months ?? []).map((m) => [Number(m.month), m]));
  const total = result?.total ?? {};
  const current = Number(total.calls ?? 0);
  const previous = Number(total.previousCalls ?? 0);
  const note = $('exchange-yoy-note');
  if (previous > 0) {
    const change = (current - previous) / previous;
    note.textContent = t('exchange.yoy.change', { calls: fmt.number(current), change: `${change > 0 ? '+' : ''}${percent(change)}` });
  } else {
    note.textContent = current > 0 ? t('exchange.yoy.noPrevious', { calls: fmt.number(current) }) : '';
  }
  const all = [...months.values()];
  if (!all.length || all.every((m) => !Number(m.calls) && !Number(m.previousCalls))) {
    chartEmpty('chart-exchange-yoy');
    return;
  }
  const labels = Array.from({ length: 12 }, (_, i) => dateFormat({ month: 'short' }).format(new Date(y, i, 1)));
  const value = (m, key) => {
    const row = months.get(m);
    return row && !isEmptyValue(row[key]) ? Number(row[key]) : null;
  };
  setChart('chart-exchange-yoy', {
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    legend: { top: 0, data: [String(y), String(y - 1)] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null || v === undefined ? dash : fmt.number(v)) },
    xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: COLOURS.axis } }, axisLabel: { color: COLOURS.text } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v) => compact(v) }, splitLine: { lineStyle: { color: COLOURS.grid } } },
    series: [
      { name: String(y), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLOURS.calls }, data: labels.map((_, i) => value(i + 1, 'calls')) },
      { name: String(y - 1), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLOURS.previous }, data: labels.map((_, i) => value(i + 1, 'previousCalls')) },
    ],
  });
}

// ---- Anomalies --------------------------------------------------------------------------

const DETAIL_PERCENT_KEYS = /ratio|threshold|share|rate/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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

const kindBadge = (kind) => {
  const node = badge(tEnum('exchange.anomalyKind', kind), KIND_TONES[kind] ?? 'neutral');
  node.setAttribute('data-value', kind);
  return node;
};
const statusBadge = (status) => {
  const node = badge(tEnum('exchange.anomalyStatus', status), STATUS_TONES[status] ?? 'neutral');
  node.setAttribute('data-value', status);
  node.classList.add('anomaly-status');
  return node;
};

function statusCell(a) {
  const cell = el('td', { class: 'status-cell' }, statusBadge(a.status));
  if (a.triagedBy) {
    cell.append(el('div', { class: 'muted small', text: t('exchange.anomaly.triagedBy', { who: a.triagedBy }) }));
  }
  if (a.note) cell.append(el('div', { class: 'small anomaly-note', text: a.note }));
  if (isAdmin() && a.status === 'NEW') {
    cell.append(el('div', { class: 'row-actions' },
      el('button', {
        type: 'button',
        class: 'btn btn-sm anomaly-ack',
        'data-status': 'ACKNOWLEDGED',
        title: t('exchange.anomaly.ackHint'),
        text: t('exchange.anomaly.ack'),
        onclick: (event) => triage(a, 'ACKNOWLEDGED', event.currentTarget),
      }),
      el('button', {
        type: 'button',
        class: 'btn btn-sm anomaly-normal',
        'data-status': 'NORMAL',
        title: t('exchange.anomaly.normalHint'),
        text: t('exchange.anomaly.normal'),
        onclick: (event) => triage(a, 'NORMAL', event.currentTarget),
      })));
  }
  return cell;
}

function anomalyRow(a) {
  const detailText = detailSummary(a);
  return el('tr', { 'data-id': a.id, 'data-kind': a.kind, 'data-status': a.status },
    el('td', {}, kindBadge(a.kind)),
    el('td', { class: 'small', text: periodText(a.periodStart, a.periodEnd) }),
    el('td', { class: 'name-cell', text: orgName(a.provider) || dash }),
    el('td', { class: 'name-cell', text: orgName(a.consumer) || dash }),
    el('td', { class: 'mono code-cell', text: a.resource || dash }),
    el('td', { class: 'anomaly-detail', title: a.detail ? JSON.stringify(a.detail) : null, text: detailText }),
    statusCell(a));
}

/** With an organisation chosen, only the anomalies it is party to (the list API takes no organisation). */
function visibleAnomalies() {
  const org = isScoped(state.me) ? null : currentOrg();
  const items = state.anomalies.items;
  return org ? items.filter((a) => a.provider === org || a.consumer === org) : items;
}

function renderAnomalies() {
  const table = $('exchange-anomaly-table');
  const rows = visibleAnomalies();
  const { items, total } = state.anomalies;
  table.tBodies[0].replaceChildren(...(rows.length ? rows.map(anomalyRow) : [emptyRow(table, 'exchange.anomalies.empty')]));
  const filtered = rows.length !== items.length;
  $('exchange-anomaly-count').textContent = filtered
    ? t('exchange.anomalies.countForOrg', { shown: fmt.number(rows.length), loaded: fmt.number(items.length), total: fmt.number(total) })
    : t('table.count', { shown: fmt.number(items.length), total: fmt.number(total) });
  $('exchange-anomaly-more').hidden = items.length >= total;
}

async function loadAnomalies({ append = false } = {}) {
  const seq = ++state.anomalies.seq;
  const page = append ? state.anomalies.page + 1 : 0;
  const table = $('exchange-anomaly-table');
  const more = $('exchange-anomaly-more');
  table.setAttribute('aria-busy', 'true');
  more.disabled = true;
  try {
    const { from, to } = trafficParams();
    const result = await api.get('/api/v1/exchange/anomalies', {
      status: $('exchange-anomaly-status').value,
      kind: $('exchange-anomaly-kind').value,
      from,
      to,
      page,
      size: PAGE_SIZE,
    });
    if (seq !== state.anomalies.seq) return false;
    const items = result?.items ?? [];
    state.anomalies.items = append ? [...state.anomalies.items, ...items] : items;
    state.anomalies.total = result?.total ?? state.anomalies.items.length;
    state.anomalies.page = result?.page ?? page;
    $('exchange-anomalies-error').replaceChildren();
    renderAnomalies();
    return true;
  } catch (error) {
    if (seq !== state.anomalies.seq) return false;
    renderError($('exchange-anomalies-error'), error);
    if (!append) {
      state.anomalies.items = [];
      table.tBodies[0].replaceChildren();
      $('exchange-anomaly-count').textContent = '';
    }
    return false;
  } finally {
    if (seq === state.anomalies.seq) {
      table.removeAttribute('aria-busy');
      more.disabled = false;
    }
  }
}

async function triage(anomaly, status, button) {
  const buttons = button.closest('.row-actions')?.querySelectorAll('button') ?? [button];
  for (const b of buttons) b.disabled = true;
  const line = $('exchange-anomaly-status-line');
  line.textContent = '';
  try {
    const updated = await api.put(`/api/v1/exchange/anomalies/${encodeURIComponent(anomaly.id)}`, { status });
    const next = updated && typeof updated === 'object' && updated.id === anomaly.id ? updated : { ...anomaly, status };
    state.anomalies.items = state.anomalies.items.map((a) => (a.id === anomaly.id ? next : a));
    $('exchange-anomalies-error').replaceChildren();
    renderAnomalies();
    line.textContent = t('exchange.anomaly.triaged', { kind: tEnum('exchange.anomalyKind', anomaly.kind), status: tEnum('exchange.anomalyStatus', next.status) });
  } catch (error) {
    renderError($('exchange-anomalies-error'), error);
    for (const b of buttons) b.disabled = false;
  }
}

// ---- Zombie candidates ------------------------------------------------------------------

function renderZombies(result) {
  const table = $('exchange-zombie-table');
  const org = isScoped(state.me) ? null : currentOrg();
  const items = (result?.items ?? []).filter((z) => !org || z.organisationCode === org);
  const since = result?.since ? fmt.date(result.since) : null;
  $('exchange-zombies-note').textContent = isEmptyValue(result?.days)
    ? ''
    : t(since ? 'exchange.zombies.noteSince' : 'exchange.zombies.note', { days: fmt.number(result.days), since });
  if (!items.length) {
    table.tBodies[0].replaceChildren(emptyRow(table, 'exchange.zombies.empty'));
    return;
  }
  table.tBodies[0].replaceChildren(...items.map((z) => el('tr', { 'data-key': z.systemCode },
    el('td', { class: 'name-cell', title: z.aliases?.length ? t('exchange.zombies.aliases', { aliases: z.aliases.join(', ') }) : null },
      el('div', { class: 'strong', text: z.systemName || z.systemCode }),
      el('div', { class: 'mono muted small nowrap', text: z.systemCode })),
    el('td', { class: 'name-cell', text: orgName(z.organisationCode) }),
    el('td', { class: 'nowrap' }, z.lastTraffic
      ? el('span', { title: fmt.dateTime(z.lastTraffic), text: fmt.date(z.lastTraffic) })
      : badge(t('exchange.zombies.never'), 'danger')),
    el('td', { class: 'zombie-reason', text: storedReason(z) || dash }))));
}

// ---- Quarantine -------------------------------------------------------------------------

function quarantineRow(q) {
  const record = q.record === null || q.record === undefined ? null
    : el('details', { class: 'record' },
      el('summary', { text: t('exchange.quarantine.showRecord') }),
      el('pre', { class: 'json', text: JSON.stringify(q.record, null, 2) }));
  const resolved = q.resolvedAt
    ? badge(t('exchange.quarantine.resolved'), 'ok')
    : badge(t('exchange.quarantine.waiting'), 'warn');
  if (q.resolvedAt) resolved.title = fmt.dateTime(q.resolvedAt);
  return el('tr', { 'data-id': q.id, 'data-resolved': q.resolvedAt ? 'true' : 'false' },
    el('td', { class: 'nowrap small', text: fmt.dateTime(q.receivedAt) }),
    el('td', { class: 'quarantine-reason' },
      q.kind ? el('span', { class: 'tag', text: tEnum('exchange.quarantineKind', q.kind) }) : null, ' ',
      el('span', { text: storedReason(q) || dash }),
      record),
    el('td', {}, codeList(q.unknownRefs) ?? dash),
    el('td', {}, resolved));
}

function renderQuarantine() {
  const table = $('exchange-quarantine-table');
  const { items, total } = state.quarantine;
  table.tBodies[0].replaceChildren(...(items.length ? items.map(quarantineRow) : [emptyRow(table, 'exchange.quarantine.empty')]));
  $('exchange-quarantine-count').textContent = t('exchange.quarantine.count', { total: fmt.number(total) });
  $('exchange-quarantine-more').hidden = items.length >= total;
}

async function loadQuarantine({ append = false } = {}) {
  const seq = ++state.quarantine.seq;
  const page = append ? state.quarantine.page + 1 : 0;
  const more = $('exchange-quarantine-more');
  more.disabled = true;
  try {
    const result = await api.get('/api/v1/exchange/quarantine', {
      includeResolved: $('exchange-quarantine-resolved').checked ? 'true' : null,
      page,
      size: PAGE_SIZE,
    });
    if (seq !== state.quarantine.seq) return false;
    const items = result?.items ?? [];
    state.quarantine.items = append ? [...state.quarantine.items, ...items] : items;
    state.quarantine.total = result?.total ?? state.quarantine.items.length;
    state.quarantine.page = result?.page ?? page;
    $('exchange-quarantine-error').replaceChildren();
    renderQuarantine();
    return true;
  } catch (error) {
    if (seq !== state.quarantine.seq) return false;
    renderError($('exchange-quarantine-error'), error);
    return false;
  } finally {
    if (seq === state.quarantine.seq) more.disabled = false;
  }
}

async function reprocess() {
  const button = $('exchange-reprocess');
  const box = $('exchange-reprocess-result');
  button.disabled = true;
  box.replaceChildren();
  try {
    const result = await api.post('/api/v1/exchange/quarantine/reprocess');
    box.replaceChildren(el('div', { class: 'alert alert-ok', 'data-outcome': 'reprocessed' },
      t('exchange.quarantine.reprocessed', { resolved: fmt.number(result?.resolved ?? 0), remaining: fmt.number(result?.remaining ?? 0) })));
    // Re-attributed records now count for their organisations: every figure may have changed.
    await reloadAll();
  } catch (error) {
    renderError(box, error);
  } finally {
    button.disabled = false;
  }
}

// ---- Collector sources ------------------------------------------------------------------

const startedMs = (run) => parseTime(run.startedAt)?.getTime() ?? 0;
const runsNewestFirst = (runs) => [...(runs ?? [])].sort((a, b) => startedMs(b) - startedMs(a) || Number(b.id ?? 0) - Number(a.id ?? 0));

function runBadge(status) {
  const node = badge(tEnum('exchange.runStatus', status), RUN_TONES[status] ?? 'neutral');
  node.setAttribute('data-value', status);
  return node;
}

function runItem(run) {
  return el('li', { class: 'run', 'data-status': run.status },
    el('span', { class: `dot dot-${RUN_TONES[run.status] ?? 'neutral'}`, 'aria-hidden': 'true' }),
    el('span', { class: 'run-body' },
      el('span', { class: 'run-time', text: fmt.dateTime(run.startedAt) }), ' ',
      el('span', { text: tEnum('exchange.runStatus', run.status) }), ' · ',
      el('span', { text: t('exchange.sources.runRecords', { records: fmt.number(run.records ?? 0) }) }),
      Number(run.attempts) > 1 ? el('span', { class: 'muted', text: ` · ${t('exchange.sources.attempts', { attempts: fmt.number(run.attempts) })}` }) : null,
      run.error ? el('span', { class: 'run-error', text: storedReason(run, 'error') }) : null));
}

function sourceRow(s) {
  const runs = runsNewestFirst(s.runs);
  const last = runs[0];
  const lastCell = last
    ? el('td', {},
      runBadge(last.status),
      el('div', { class: 'muted small', title: fmt.dateTime(last.finishedAt ?? last.startedAt), text: fmt.relative(last.finishedAt ?? last.startedAt) }),
      last.error ? el('div', { class: 'run-error small', text: storedReason(last, 'error') }) : null)
    : el('td', {}, el('span', { class: 'muted', text: t('exchange.sources.noRuns') }));
  return el('tr', { 'data-key': s.code },
    el('td', { class: 'source-cell' },
      el('div', { class: 'strong', text: s.name || s.code }),
      el('div', { class: 'mono muted small', text: s.code }),
      s.url ? el('div', { class: 'mono small source-url', text: s.url }) : null,
      s.cursor ? el('div', { class: 'muted small', text: t('exchange.sources.cursor', { cursor: s.cursor }) }) : null),
    el('td', {}, s.enabled ? badge(t('exchange.sources.enabled'), 'ok') : badge(t('exchange.sources.disabled'), 'neutral')),
    el('td', { class: 'num nowrap', text: t('exchange.sources.every', { interval: duration(s.intervalSeconds) }) }),
    lastCell,
    el('td', { class: 'nowrap small', title: fmt.dateTime(s.nextRunAt), text: s.enabled ? fmt.relative(s.nextRunAt) : dash }),
    el('td', { class: Number(s.failures) > 0 ? 'num text-danger strong' : 'num', text: fmt.number(s.failures ?? 0) }),
    el('td', { class: 'runs-cell' }, runs.length
      ? el('ul', { class: 'run-list' }, runs.slice(0, RECENT_RUNS).map(runItem))
      : el('span', { class: 'muted', text: t('exchange.sources.noRuns') })));
}

function renderSources(sources) {
  const table = $('exchange-source-table');
  const list = Array.isArray(sources) ? sources : sources?.items ?? [];
  table.tBodies[0].replaceChildren(...(list.length ? list.map(sourceRow) : [emptyRow(table, 'exchange.sources.empty')]));
}

// ---- Loading ----------------------------------------------------------------------------

/** Runs request and, unless a newer load started meanwhile, render / fail. Resolves true on success. */
async function section(seq, request, render, fail) {
  try {
    const data = await request();
    if (seq !== state.seq) return false;
    render(data);
    return true;
  } catch (error) {
    if (seq !== state.seq) return false;
    fail(error);
    return false;
  }
}

function renderRange() {
  const { from, to } = state.range;
  $('exchange-range').textContent = t('exchange.range', { from: fmt.dateTime(from), to: fmt.dateTime(to) });
}

/** Reloads every panel for the current period and organisation. */
async function reloadAll() {
  const seq = ++state.seq;
  const main = document.querySelector('main');
  if (state.loadedOnce) {
    main.setAttribute('data-loaded', 'false');
    main.setAttribute('aria-busy', 'true');
  }
  state.range = safeRange(currentPeriod());
  syncUrl();
  renderRange();
  const params = trafficParams();
  const errorBox = $('exchange-error');
  errorBox.replaceChildren();

  const loads = [
    section(seq, () => api.get('/api/v1/exchange/summary', params), (s) => {
      renderCards(s?.total ?? {});
      renderOrgTable(s?.organisations ?? []);
    }, (error) => {
      renderError(errorBox, error);
      $('exchange-cards').replaceChildren();
      $('exchange-org-table').tBodies[0].replaceChildren();
    }),
    section(seq, () => api.get('/api/v1/exchange/series', params), renderTrend, (e) => chartError('chart-exchange-trend', 'exchange-trend-note', e)),
    section(seq, () => api.get('/api/v1/exchange/flows', params), renderFlows, (e) => chartError('chart-exchange-flows', 'exchange-flows-note', e)),
    section(seq, () => api.get('/api/v1/exchange/top-resources', { ...params, limit: RESOURCE_LIMIT }), renderResources, (e) => {
      const table = $('exchange-resources');
      const box = el('div');
      renderError(box, e);
      table.tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: table.tHead.rows[0].cells.length }, box)));
    }),
    section(seq, () => api.get('/api/v1/exchange/year-over-year', { year: state.range.year, organisation: params.organisation }),
      (r) => renderYoy(r, state.range.year), (e) => chartError('chart-exchange-yoy', 'exchange-yoy-note', e)),
    section(seq, () => api.get('/api/v1/exchange/zombies', { organisation: params.organisation }), (z) => {
      $('exchange-zombies-error').replaceChildren();
      renderZombies(z);
    }, (e) => renderError($('exchange-zombies-error'), e)),
    loadAnomalies(),
  ];
  if (canSeeQuarantine()) loads.push(loadQuarantine());
  if (isAdmin()) {
    loads.push(section(seq, () => api.get('/api/v1/exchange/sources'), (s) => {
      $('exchange-sources-error').replaceChildren();
      renderSources(s);
    }, (e) => renderError($('exchange-sources-error'), e)));
  }

  const [summaryOk] = await Promise.all(loads);
  if (seq !== state.seq) return;
  if (!state.loadedOnce && !summaryOk) {
    markLoaded('error');
    return;
  }
  state.loadedOnce = true;
  markLoaded();
}

function fillSelect(select, values, prefix) {
  for (const value of values) select.append(el('option', { value, text: tEnum(prefix, value) }));
}

async function main() {
  const me = await initPage();
  if (!me) return;
  state.me = me;

  fillSelect($('exchange-anomaly-status'), ANOMALY_STATUSES, 'exchange.anomalyStatus');
  fillSelect($('exchange-anomaly-kind'), ANOMALY_KINDS, 'exchange.anomalyKind');
  if (canSeeQuarantine()) $('exchange-quarantine').hidden = false;
  if (isAdmin()) {
    $('exchange-reprocess').hidden = false;
    $('exchange-sources').hidden = false;
  }

  state.orgs = await OrgDirectory.load();
  state.orgs.fillSelect($('exchange-org'), me);

  const params = queryParams();
  if (!selectIfOffered($('exchange-period'), params.get('period'))) $('exchange-period').value = DEFAULT_PERIOD;
  if (!isScoped(me)) selectIfOffered($('exchange-org'), params.get('organisation'));

  wireOrgTable();
  $('exchange-period').addEventListener('change', () => reloadAll());
  $('exchange-org').addEventListener('change', () => reloadAll());
  $('exchange-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadAll();
  });
  $('exchange-anomaly-status').addEventListener('change', () => loadAnomalies());
  $('exchange-anomaly-kind').addEventListener('change', () => loadAnomalies());
  $('exchange-anomaly-more').addEventListener('click', () => loadAnomalies({ append: true }));
  $('exchange-quarantine-more').addEventListener('click', () => loadQuarantine({ append: true }));
  $('exchange-quarantine-resolved').addEventListener('change', () => loadQuarantine());
  $('exchange-reprocess').addEventListener('click', reprocess);

  await reloadAll();
}

main();
