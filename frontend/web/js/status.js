// Platform status ("平台运行状态", the office's operations page): status cards (database and storage mode,
// audit events and the audit chain, scheduler), organisations by type (ECharts), the scheduler heartbeats
// and the time-series upkeep jobs. Refreshes itself every minute.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge, card, renderError, markLoaded } from './dom.js';
import { COLOURS, drawChart } from './charts.js';

const REFRESH_MS = 60_000;
// A heartbeat older than this counts as stale (the job ticks every minute).
const HEARTBEAT_STALE_MS = 5 * 60_000;
// Known organisation types in display order; unknown ones from the API are appended.
const ORG_TYPES = ['CITY', 'CITY_DEPARTMENT', 'COUNTY_DISTRICT', 'DEVELOPMENT_ZONE'];

const isFresh = (hb) => hb.lastTick && Date.now() - new Date(hb.lastTick).getTime() < HEARTBEAT_STALE_MS;

function renderJobs(jobs) {
  const tbody = document.querySelector('#jobs-table tbody');
  if (!jobs?.length) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: t('status.jobs.empty') })));
    return;
  }
  tbody.replaceChildren(...jobs.map((job) =>
    el('tr', {},
      el('td', { class: 'mono', text: job.job }),
      el('td', { class: 'mono', text: job.table ?? '' }),
      el('td', { title: job.lastRun ? fmt.dateTime(job.lastRun) : '', text: job.lastRun ? fmt.relative(job.lastRun) : '—' }),
      el('td', { title: job.lastSuccess ? fmt.dateTime(job.lastSuccess) : '', text: job.lastSuccess ? fmt.relative(job.lastSuccess) : '—' }),
      el('td', { title: job.lastError ?? '' }, job.failing
        ? badge(t('status.jobs.failing'), 'danger')
        : badge(t('status.scheduler.ok'), 'ok')))));
}

function chainCard(chain) {
  if (!chain) {
    return { label: t('status.card.auditChain'), value: badge(t('status.chain.unknown'), 'warn'), note: null };
  }
  return {
    label: t('status.card.auditChain'),
    value: chain.intact ? badge(t('status.chain.intact'), 'ok') : badge(t('status.chain.broken'), 'danger'),
    note: t('status.chain.checked', { rows: fmt.number(chain.rowsChecked ?? 0) }),
    tone: chain.intact ? null : 'alert',
  };
}

function renderCards(status, chain) {
  const byType = status.organisationsByType ?? {};
  const orgTotal = Object.values(byType).reduce((sum, n) => sum + Number(n || 0), 0);
  const heartbeats = status.heartbeats ?? [];
  const fresh = heartbeats.filter(isFresh);
  const latestTick = heartbeats
    .map((hb) => hb.lastTick)
    .filter(Boolean)
    .sort()
    .at(-1);

  const cards = [
    {
      label: t('status.card.organisations'),
      value: fmt.number(orgTotal),
      note: t('status.card.organisationsNote', { types: fmt.number(Object.keys(byType).length) }),
    },
    {
      label: t('status.card.auditEvents'),
      value: fmt.number(status.auditEvents ?? 0),
      note: t('status.card.auditEventsNote'),
    },
    {
      label: t('status.card.database'),
      value: tEnum('database', status.database),
      textual: true,
      note: t(`status.card.databaseNote.${status.database === 'external' ? 'external' : 'embedded'}`),
    },
    {
      label: t('status.card.timeseries'),
      value: tEnum('timeseries', status.timeseriesMode),
      textual: true,
      // upkeep of the time-series tables: TimescaleDB's policy jobs, or GovShare's partition upkeep
      note: t('status.card.timeseriesJobs', {
        jobs: fmt.number(status.timeseriesJobs?.length ?? 0),
        failing: fmt.number((status.timeseriesJobs ?? []).filter((j) => j.failing).length),
      }),
      tone: (status.timeseriesJobs ?? []).some((j) => j.failing) ? 'alert' : null,
    },
    {
      label: t('status.card.mode'),
      value: status.demo ? badge(t('status.mode.demo'), 'warn') : badge(t('status.mode.production'), 'ok'),
      note: t(status.demo ? 'status.mode.demoNote' : 'status.mode.productionNote'),
    },
    {
      label: t('status.card.scheduler'),
      value: fresh.length > 0
        ? badge(t('status.scheduler.ok'), 'ok')
        : badge(t(heartbeats.length ? 'status.scheduler.stale' : 'status.scheduler.none'), 'danger'),
      note: latestTick ? t('status.scheduler.lastTick', { when: fmt.relative(latestTick) }) : null,
      tone: fresh.length > 0 ? null : 'alert',
    },
    chainCard(chain),
  ];
  document.getElementById('status-cards').replaceChildren(...cards.map(card));
}

function renderHeartbeats(heartbeats) {
  const tbody = document.querySelector('#heartbeat-table tbody');
  if (!heartbeats?.length) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: t('status.heartbeats.empty') })));
    return;
  }
  tbody.replaceChildren(...heartbeats.map((hb) =>
    el('tr', {},
      el('td', { text: hb.job }),
      el('td', { class: 'mono', text: hb.node }),
      el('td', { title: fmt.dateTime(hb.lastTick), text: fmt.relative(hb.lastTick) }),
      el('td', { class: 'num', text: fmt.number(hb.ticksLastHour) }),
      el('td', {}, isFresh(hb)
        ? badge(t('status.scheduler.ok'), 'ok')
        : badge(t('status.scheduler.stale'), 'danger')))));
}

function renderChart(byType) {
  const types = [...ORG_TYPES, ...Object.keys(byType ?? {}).filter((k) => !ORG_TYPES.includes(k))];
  const data = types.map((type, i) => ({
    value: Number(byType?.[type] ?? 0),
    itemStyle: { color: COLOURS.series[i % COLOURS.series.length] },
  }));
  drawChart('chart-org-types', {
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => fmt.number(v),
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (v) => fmt.number(v) },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first type on top
      data: types.map((type) => tEnum('org.type', type)),
      axisTick: { show: false },
      axisLabel: { fontSize: 13 },
    },
    series: [{
      name: t('status.chart.series'),
      type: 'bar',
      barMaxWidth: 28,
      data,
      label: { show: true, position: 'right', formatter: ({ value }) => fmt.number(value), color: COLOURS.text },
    }],
  });
}

async function load() {
  const errorBox = document.getElementById('status-error');
  try {
    const [status, chain] = await Promise.all([
      api.get('/api/v1/system/status'),
      api.get('/api/v1/audit/verify').catch(() => null),
    ]);
    errorBox.replaceChildren();
    renderCards(status, chain);
    renderJobs(status.timeseriesJobs);
    renderChart(status.organisationsByType);
    renderHeartbeats(status.heartbeats);
    document.getElementById('status-updated').textContent =
      t('status.updatedAt', { time: fmt.time(new Date()) });
    markLoaded();
  } catch (error) {
    renderError(errorBox, error);
    // Keep a previously rendered state marked as loaded; only a first failure is an error.
    if (document.querySelector('main').getAttribute('data-loaded') !== 'true') markLoaded('error');
  }
}

async function main() {
  const me = await initPage();
  if (!me) return;
  document.getElementById('status-refresh').addEventListener('click', load);
  await load();
  setInterval(() => {
    if (!document.hidden) load();
  }, REFRESH_MS);
}

main();
