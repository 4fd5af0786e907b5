// Who provided to whom: a provider x consumer heat map of calls, the busiest organisations only.

import { t, fmt } from '../i18n.js';
import { COLOURS, chartMessage, drawChart } from '../charts.js';
import { $, orgName } from './context.js';
import { compact, escapeHtml, humanBytes } from './format.js';

const CHART = 'chart-exchange-flows';
// The heat map shows this many providers (rows) and consumers (columns), busiest first.
const FLOW_TOP = 15;
// Up to this many cells carry their figure as a label.
const LABELLED_CELLS = 64;

/** Codes ordered by their total under key, busiest first, at most n. */
function busiest(flows, key, n) {
  const totals = new Map();
  for (const f of flows) totals.set(f[key], (totals.get(f[key]) ?? 0) + Number(f.calls ?? 0));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([code]) => code);
}

function tooltip(f) {
  const line = (key, value) => `${escapeHtml(t(key))}: ${escapeHtml(value)}`;
  return `${escapeHtml(orgName(f.provider))} → ${escapeHtml(orgName(f.consumer))}<br>`
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
  drawChart(CHART, {
    grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
    tooltip: { position: 'top', formatter: (p) => tooltip(p.data.flow) },
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
      inRange: { color: COLOURS.scale },
    },
    series: [{
      name: t('exchange.flows.title'),
      type: 'heatmap',
      data,
      label: {
        show: providers.length * consumers.length <= LABELLED_CELLS,
        formatter: (p) => compact(p.value[2]),
        fontSize: 11,
      },
      emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1, shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
    }],
  });
}
