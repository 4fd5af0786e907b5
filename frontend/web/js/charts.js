// Apache ECharts for every page that draws charts: one theme and palette, one instance per container
// (or an "unavailable" note when the library did not load), resizing with the container and disposal
// when the page goes away. Pages never call echarts.init themselves.
//
// ECharts comes from its WebJar as a classic script, loaded before the page's module runs:
//   <script src="/webjars/echarts/dist/echarts.min.js" defer></script>

import { t, getLanguage } from './i18n.js';
import { el, problemLines } from './dom.js';

const THEME = 'govshare';

/** The palette: series colours in order, then the named colours pages pick from. */
export const COLOURS = {
  series: ['#c0392b', '#1f5fa8', '#2e8b57', '#d4871f', '#6c5ce7', '#7f8c8d'],
  primary: '#1f5fa8',
  danger: '#c0392b',
  previous: '#9aa3af',
  grid: '#e6eaf0',
  axis: '#c5ccd6',
  text: '#3a4556',
  muted: '#6b7280',
  /** Low to high, for heat maps. */
  scale: ['#eef4fb', '#8fb5e0', '#1f5fa8', '#0f3a6b'],
};

const instances = new Map(); // container id -> ECharts instance
// One observer for every chart: a container changes size with the window and with the layout around it.
const resizer = typeof ResizeObserver === 'undefined'
  ? null
  : new ResizeObserver((entries) => entries.forEach((entry) => instances.get(entry.target.id)?.resize()));
let themeRegistered = false;

function registerTheme(echarts) {
  if (themeRegistered) return;
  const axisText = { color: COLOURS.text };
  echarts.registerTheme(THEME, {
    color: COLOURS.series,
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    categoryAxis: { axisLine: { lineStyle: { color: COLOURS.axis } }, axisLabel: axisText },
    valueAxis: { splitLine: { lineStyle: { color: COLOURS.grid } } },
  });
  themeRegistered = true;
}

/** What every chart option starts from. */
function baseOption() {
  return { aria: { enabled: true }, animationDuration: 400 };
}

/**
 * The chart in the container with this id, created on first use; null when ECharts did not load, in
 * which case the container says so instead.
 */
export function chartFor(id) {
  const container = document.getElementById(id);
  const echarts = window.echarts;
  if (!echarts) {
    container.replaceChildren(el('p', { class: 'empty', text: t('chart.unavailable') }));
    container.setAttribute('data-state', 'unavailable');
    return null;
  }
  const kept = instances.get(id);
  if (kept && kept.getDom() !== container) {
    // the page rebuilt the container (same id, new element): the old chart draws into nothing, start afresh
    resizer?.unobserve(kept.getDom());
    kept.dispose();
    instances.delete(id);
  }
  if (!instances.has(id)) {
    registerTheme(echarts);
    instances.set(id, echarts.init(container, THEME, { renderer: 'canvas', locale: getLanguage() === 'en' ? 'EN' : 'ZH' }));
    resizer?.observe(container);
  }
  return instances.get(id);
}

/** Draws option (replacing what the chart showed) and marks the container data-state="data". */
export function drawChart(id, option) {
  const chart = chartFor(id);
  if (!chart) return;
  document.getElementById(id).setAttribute('data-state', 'data');
  chart.setOption({ ...baseOption(), ...option }, true);
}

/** A centred message instead of a chart; state is "empty" or "error" (drawn in the danger colour). */
export function chartMessage(id, text, state) {
  const chart = chartFor(id);
  if (!chart) return;
  document.getElementById(id).setAttribute('data-state', state);
  const fill = state === 'error' ? COLOURS.danger : COLOURS.muted;
  chart.setOption({
    ...baseOption(),
    graphic: [{ type: 'text', left: 'center', top: 'middle', silent: true, style: { text, fill, fontSize: 14, lineHeight: 22, textAlign: 'center' } }],
  }, true);
}

/** Says in the chart that its data could not be loaded, and why. */
export function chartFailed(id, error) {
  chartMessage(id, `${t('chart.failed')}\n${problemLines(error)[0]}`, 'error');
}

/** Frees every chart of the page. */
export function disposeCharts() {
  resizer?.disconnect();
  for (const chart of instances.values()) chart.dispose();
  instances.clear();
}

// A page kept in the back-forward cache (persisted) comes back as it was, charts included.
window.addEventListener('pagehide', (event) => {
  if (!event.persisted) disposeCharts();
});
