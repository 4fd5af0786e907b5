// Who provided to whom: a provider x consumer heat map of calls, the busiest organisations only.

import { t, fmt } from '../i18n.js';
import { COLOURS, chartMessage, drawChart } from '../charts.js';
import { $, orgName } from './context.js';
import { compact, escapeHtml, humanBytes } from './format.js';

const CHART = 'chart-exchange-flows';
// The heat map shows this many providers (rows) and consumers (columns), busiest first: fewer on a
// narrow screen, where every cell must stay big enough to point at.
const FLOW_TOP = 15;
const FLOW_TOP_NARROW = 8;
const NARROW_PX = 480;
// Up to this many cells carry their figure as a label.
const LABELLED_CELLS = 64;
// Axis labels are short names: the city prefix goes, long names are cut with an ellipsis (the cell's
// tooltip names both organisations in full, with their codes).
const SHORT_NAME = { wide: 7, narrow: 4 };

/** "市人力资源和社会保障局" -> "人力资源和社…": short enough for an axis, whole in the tooltip. */
export function shortName(name, max) {
  const text = String(name ?? '');
  const trimmed = text.length > 2 && text.startsWith('市') ? text.slice(1) : text;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** Codes ordered by their total under key, busiest first, at most n. */
function busiest(flows, key, n) {
  const totals = new Map();
  for (const f of flows) totals.set(f[key], (totals.get(f[key]) ?? 0) + Number(f.calls ?? 0));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([code]) => code);
}

function tooltip(f) {
  const line = (key, value) => `${escapeHtml(t(key))}: ${escapeHtml(value)}`;
  return `${escapeHtml(orgName(f.provider))}（${escapeHtml(f.provider)}） → ${escapeHtml(orgName(f.consumer))}（${escapeHtml(f.consumer)}）<br>`
    + `${escapeHtml(t('exchange.series.calls'))}: <b>${escapeHtml(fmt.number(f.calls))}</b><br>`
    + `${line('exchange.col.failedCalls', fmt.number(f.failedCalls ?? 0))}<br>`
    + `${line('exchange.col.records', fmt.number(f.records ?? 0))}<br>`
    + line('exchange.card.bytes', humanBytes(f.bytes ?? 0));
}

export function renderFlows(result) {
  const flows = (result?.flows ?? []).filter((f) => Number(f.calls) > 0);
  const note = $('exchange-flows-note');
  if (!flows.length) {
    note.textContent = '';
    chartMessage(CHART, t('exchange.chart.empty'), 'empty');
    return;
  }
  const narrow = ($(CHART)?.clientWidth ?? 1000) < NARROW_PX;
  const top = narrow ? FLOW_TOP_NARROW : FLOW_TOP;
  const providers = busiest(flows, 'provider', top);
  const consumers = busiest(flows, 'consumer', top);
  const pIndex = new Map(providers.map((c, i) => [c, i]));
  const cIndex = new Map(consumers.map((c, i) => [c, i]));
  const shown = flows.filter((f) => pIndex.has(f.provider) && cIndex.has(f.consumer));
  const data = shown.map((f) => ({ value: [cIndex.get(f.consumer), pIndex.get(f.provider), Number(f.calls)], flow: f }));
  const max = Math.max(1, ...data.map((d) => d.value[2]));
  const orgCount = new Set([...flows.map((f) => f.provider), ...flows.map((f) => f.consumer)]).size;
  note.textContent = providers.length < new Set(flows.map((f) => f.provider)).size || consumers.length < new Set(flows.map((f) => f.consumer)).size
    ? t('exchange.flows.top', { n: top, orgs: fmt.number(orgCount) })
    : t('exchange.flows.all', { flows: fmt.number(flows.length) });

  const nameLength = narrow ? SHORT_NAME.narrow : SHORT_NAME.wide;
  const labelStyle = { color: COLOURS.text, fontSize: narrow ? 10 : 12 };
  const axisName = (code) => shortName(orgName(code), nameLength);
  drawChart(CHART, {
    grid: { left: 8, right: narrow ? 8 : 16, top: 8, bottom: 48, containLabel: true },
    tooltip: { position: 'top', confine: true, formatter: (p) => (p.data?.flow ? tooltip(p.data.flow) : escapeHtml(p.name ?? '')) },
    xAxis: {
      type: 'category',
      data: consumers.map(axisName),
      position: 'top',
      splitArea: { show: true },
      axisTick: { show: false },
      axisLabel: { ...labelStyle, rotate: narrow ? 90 : 45, interval: 0 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: providers.map(axisName),
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
      itemHeight: narrow ? 120 : 160,
      itemWidth: 12,
      formatter: (v) => compact(v),
      inRange: { color: COLOURS.scale },
    },
    series: [{
      name: t('exchange.flows.title'),
      type: 'heatmap',
      data,
      label: {
        show: !narrow && providers.length * consumers.length <= LABELLED_CELLS,
        formatter: (p) => compact(p.value[2]),
        fontSize: 11,
      },
      emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1, shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
    }],
  });
}
