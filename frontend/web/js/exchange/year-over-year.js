// Calls per month of the period's year against the year before.

import { cityInstant } from '../city-time.js';
import { t, fmt } from '../i18n.js';
import { COLOURS, chartMessage, drawChart } from '../charts.js';
import { $ } from './context.js';
import { compact, dash, dateFormat, isEmptyValue, percent } from './format.js';

const CHART = 'chart-exchange-yoy';

function renderNote(total) {
  const current = Number(total?.calls ?? 0);
  const previous = Number(total?.previousCalls ?? 0);
  const note = $('exchange-yoy-note');
  if (previous > 0) {
    const change = (current - previous) / previous;
    note.textContent = t('exchange.yoy.change', { calls: fmt.number(current), change: `${change > 0 ? '+' : ''}${percent(change)}` });
  } else {
    note.textContent = current > 0 ? t('exchange.yoy.noPrevious', { calls: fmt.number(current) }) : '';
  }
}

export function renderYoy(result, year) {
  const y = Number(result?.year ?? year);
  $('exchange-yoy-title').textContent = t('exchange.yoy.titleYears', { year: y, previous: y - 1 });
  renderNote(result?.total);
  const months = new Map((result?.months ?? []).map((m) => [Number(m.month), m]));
  const all = [...months.values()];
  if (!all.length || all.every((m) => !Number(m.calls) && !Number(m.previousCalls))) {
    chartMessage(CHART, t('exchange.chart.empty'), 'empty');
    return;
  }
  const labels = Array.from({ length: 12 }, (_, i) => dateFormat({ month: 'short' }).format(cityInstant(y, i, 1)));
  const value = (m, key) => {
    const row = months.get(m);
    return row && !isEmptyValue(row[key]) ? Number(row[key]) : null;
  };
  const bars = (name, key, color) => ({
    name, type: 'bar', barMaxWidth: 14, itemStyle: { color }, data: labels.map((_, i) => value(i + 1, key)),
  });
  drawChart(CHART, {
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    legend: { top: 0, data: [String(y), String(y - 1)] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null || v === undefined ? dash : fmt.number(v)) },
    xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v) => compact(v) } },
    series: [bars(String(y), 'calls', COLOURS.primary), bars(String(y - 1), 'previousCalls', COLOURS.previous)],
  });
}
