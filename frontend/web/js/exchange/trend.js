// Calls and failure rate over the period, per hour, day or month as the server chose.

import { t, fmt } from '../i18n.js';
import { COLOURS, chartMessage, drawChart } from '../charts.js';
import { $ } from './context.js';
import { bucketLabel, compact, percent } from './format.js';

const CHART = 'chart-exchange-trend';
const GRANULARITIES = ['HOUR', 'DAY', 'MONTH'];
// Beyond this many buckets the chart gets a zoom slider.
const ZOOM_FROM = 60;

export function renderTrend(series) {
  const points = series?.points ?? [];
  const granularity = GRANULARITIES.includes(series?.granularity) ? series.granularity : 'DAY';
  $('exchange-trend-note').textContent = t(`exchange.granularity.${granularity}`);
  if (!points.length || points.every((p) => !Number(p.calls))) {
    chartMessage(CHART, t('exchange.chart.empty'), 'empty');
    return;
  }
  const zoom = points.length > ZOOM_FROM;
  const calls = t('exchange.series.calls');
  const failureRate = t('exchange.series.failureRate');
  drawChart(CHART, {
    grid: { left: 8, right: 8, top: 40, bottom: zoom ? 36 : 8, containLabel: true },
    legend: { top: 0, data: [calls, failureRate] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    dataZoom: zoom ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }] : [],
    xAxis: {
      type: 'category',
      data: points.map((p) => bucketLabel(p.t, granularity)),
      axisTick: { alignWithLabel: true },
      axisLabel: { hideOverlap: true },
    },
    yAxis: [
      { type: 'value', name: calls, minInterval: 1, axisLabel: { formatter: (v) => compact(v) } },
      {
        type: 'value',
        name: failureRate,
        min: 0,
        max: (extent) => Math.min(1, Math.max(0.05, Math.ceil(extent.max * 20) / 20)),
        axisLabel: { formatter: (v) => percent(v, 0) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: calls,
        type: 'bar',
        data: points.map((p) => Number(p.calls ?? 0)),
        barMaxWidth: 24,
        itemStyle: { color: COLOURS.primary },
        tooltip: { valueFormatter: (v) => fmt.number(v) },
      },
      {
        name: failureRate,
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => (Number(p.calls) > 0 ? Number(p.failedCalls ?? 0) / Number(p.calls) : null)),
        symbolSize: 5,
        connectNulls: false,
        itemStyle: { color: COLOURS.danger },
        lineStyle: { width: 2 },
        tooltip: { valueFormatter: (v) => percent(v) },
      },
    ],
  });
}
