// Leadership overview ("整合共享总览", the home page): the city's headline figures by pillar (网络通、数据通、
// 应用通) with trend and year-over-year change, each a link to the page and records behind it; the plan's key
// tasks as a timeline against their deadlines; alerts linking to their records; the five base databases;
// the ranking of the latest published assessment (departments and counties/districts apart, counties side by side,
// movement since last year, each pillar's leaders and laggards; every name opens its scorecard). Live: the server's event stream says when
// measurements, incidents, anomalies or figures change, and the affected parts reload; EventSource reconnects
// by itself after a network drop, sending Last-Event-ID, and a "resync" event reloads everything.
// ?view=print lays the page out as one A4 landscape sheet for leadership meetings.

import { cityDate } from './city-time.js';
import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt, getLanguage } from './i18n.js';
import { el, badge, renderError, markLoaded, debounce } from './dom.js';
import { COLOURS, drawChart, chartMessage, chartFor } from './charts.js';
import { score, gradeBadge, stateBadge, movement, pillarName } from './assessment-common.js';
import { OrgDirectory } from './registry.js';

const PRINT = new URLSearchParams(window.location.search).get('view') === 'print';

/** Which figures go in which pillar, in display order; the success rate is shown from exchangeSucceeded. */
const PILLARS = {
  network: ['systemsOnExtranet', 'systemsOnGovCloud', 'privateNetworksLeft', 'dataRoomsLeft', 'platformAvailability', 'provincialLinkAvailability'],
  data: ['mustConnectConnected', 'catalogueCompiled', 'catalogueMounted', 'catalogueShareable', 'baseDatabasesCovered', 'exchangeCalls', 'exchangeSucceeded'],
  application: ['systemsActive', 'zombiesFound', 'zombiesCleaned', 'omOnZombieOrUnconnected'],
};
const BASES = ['baseDatabasePopulation', 'baseDatabaseLegalEntity', 'baseDatabaseNaturalResources', 'baseDatabaseElectronicLicence', 'baseDatabaseSocialCredit'];
/** Figures where a rise is bad news (the change is drawn in the danger colour). */
const LOWER_IS_BETTER = new Set(['privateNetworksLeft', 'dataRoomsLeft', 'zombiesFound', 'omOnZombieOrUnconnected']);

let me = null;
let orgs = new OrgDirectory([]);
let scope = '';

// ---- formatting ---------------------------------------------------------------------------

function mainNumber(f) {
  if (f.shown === null || f.shown === undefined) return t('overview.noData');
  if (f.unit === 'PERCENT') return `${fmt.number(f.shown, { maximumFractionDigits: 2 })}%`;
  if (f.percent) return `${fmt.number(f.shown, { maximumFractionDigits: 1 })}%`;
  if (f.unit === 'YUAN') return t('overview.yuan', { amount: fmt.number(Number(f.value) / 10000, { maximumFractionDigits: 1 }) });
  return fmt.number(f.shown);
}

function detail(f) {
  if (f.percent && f.value !== null) {
    if (f.unit === 'YUAN') {
      return t('overview.ofYuan', { value: fmt.number(Number(f.value) / 10000, { maximumFractionDigits: 1 }), total: fmt.number(Number(f.denominator) / 10000, { maximumFractionDigits: 1 }) });
    }
    return t('overview.of', { value: fmt.number(f.value), total: fmt.number(f.denominator) });
  }
  return null;
}

function change(f) {
  // year-over-year only against the rollup stored on that day a year before; none stored, none shown
  if (f.change === null || f.change === undefined) return el('span', { class: 'yoy yoy-none', text: t('overview.yoy.none') });
  const points = f.percent || f.unit === 'PERCENT';
  const sign = f.change > 0 ? '+' : '';
  const text = points
    ? t('overview.yoy.points', { change: `${sign}${fmt.number(f.change, { maximumFractionDigits: 1 })}` })
    : t('overview.yoy.count', { change: `${sign}${fmt.number(f.change, { maximumFractionDigits: 0 })}` });
  const bad = LOWER_IS_BETTER.has(f.key) ? f.change > 0 : f.change < 0;
  return el('span', { class: `yoy ${f.change === 0 ? '' : bad ? 'yoy-bad' : 'yoy-good'}`, text,
    title: f.yearAgoDay ? t('overview.yoy.comparedWith', { day: fmt.day(f.yearAgoDay) }) : null });
}

// ---- headline cards -----------------------------------------------------------------------

/** What a figure's percentage leaves out, said on its card: must-connect systems registered but not yet measured. */
function leftOut(f, byKey) {
  const unmeasured = f.key === 'mustConnectConnected' ? byKey.get('mustConnectUnmeasured') : null;
  if (!unmeasured || !(Number(unmeasured.value) > 0)) return null;
  return el('span', { class: 'ov-note', 'data-left-out': 'mustConnectUnmeasured', title: t('overview.leftOut.mustConnectUnmeasured.title'),
    text: t('overview.leftOut.mustConnectUnmeasured', { count: fmt.number(Number(unmeasured.value)) }) });
}

function figureCard(f, byKey) {
  const spark = `spark-${f.key}`;
  return el('a', { class: 'ov-card', href: f.link, 'data-figure': f.key, title: t('overview.drill') },
    el('span', { class: 'ov-label', text: t(`overview.figure.${f.key}`) }),
    el('span', { class: 'ov-value', text: mainNumber(f) }),
    el('span', { class: 'ov-detail', text: detail(f) ?? '\u00a0' }),
    leftOut(f, byKey),
    change(f),
    el('div', { id: spark, class: 'ov-spark', 'aria-hidden': 'true' }));
}

function sparkline(f) {
  const points = (f.trend ?? []).filter((p) => p.value !== null);
  if (points.length < 2) return;
  drawChart(`spark-${f.key}`, {
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 2 },
    xAxis: { type: 'category', show: false, data: points.map((p) => p.day) },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { show: false },
    series: [{ type: 'line', data: points.map((p) => p.value), symbol: 'none', lineStyle: { width: 1.5, color: COLOURS.primary }, areaStyle: { opacity: 0.08, color: COLOURS.primary } }],
  });
}

function renderFigures(data) {
  const byKey = new Map((data.figures ?? []).map((f) => [f.key, f]));
  document.getElementById('overview-asof').textContent = data.asOf
    ? t('overview.asOf', { day: fmt.day(data.asOf) })
    : t('overview.notYet');
  for (const [pillar, keys] of Object.entries(PILLARS)) {
    const cards = keys.map((k) => byKey.get(k)).filter(Boolean).map((f) => figureCard(f, byKey));
    const box = document.getElementById(`cards-${pillar}`);
    box.replaceChildren(...(cards.length ? cards : [el('p', { class: 'empty', text: t('overview.notYet') })]));
  }
  for (const f of byKey.values()) if (document.getElementById(`spark-${f.key}`)) sparkline(f);
  renderBases(BASES.map((k) => byKey.get(k)));
}

function renderBases(figures) {
  if (figures.every((f) => !f)) {
    chartMessage('chart-bases', t('overview.notYet'), 'empty');
    return;
  }
  drawChart('chart-bases', {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: BASES.map((k) => t(`overview.figure.${k}`)), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: PRINT ? 9 : 12 } },
    series: [{
      name: t('overview.bases.series'),
      type: 'bar',
      barMaxWidth: PRINT ? 10 : 22,
      data: figures.map((f) => ({ value: f?.shown ?? 0, itemStyle: { color: f?.shown ? COLOURS.primary : COLOURS.danger } })),
      label: { show: true, position: 'right', color: COLOURS.text },
    }],
  });
}

// ---- timeline -----------------------------------------------------------------------------

const MILESTONE_COLOURS = { MET: '#2e8b57', MISSED: COLOURS.danger, IN_PROGRESS: COLOURS.primary, NOT_STARTED: COLOURS.previous };

function renderTimeline(tasks) {
  const rows = tasks.filter((task) => task.milestones.some((m) => m.deadline));
  if (!rows.length) {
    chartMessage('chart-timeline', t('overview.timeline.empty'), 'empty');
  } else {
    const label = (task) => `${t(task.kind === 'TASK' ? 'overview.timeline.task' : 'overview.timeline.safeguard', { n: task.sequence })}`;
    const categories = rows.map(label);
    const spans = rows.map((task, i) => [i, task.start, task.end, task.title]);
    const points = rows.flatMap((task, i) => task.milestones.filter((m) => m.deadline).map((m) => ({
      value: [m.deadline, i],
      name: m.title,
      itemStyle: { color: MILESTONE_COLOURS[m.status] ?? COLOURS.previous },
      milestone: m,
      task,
    })));
    drawChart('chart-timeline', {
      grid: { left: 8, right: 16, top: PRINT ? 14 : 24, bottom: 4, containLabel: true },
      animation: !PRINT,
      tooltip: {
        formatter: (p) => {
          if (!p.data?.milestone) return p.data ? `${p.data[3]}` : '';
          const m = p.data.milestone;
          const late = m.daysLate ? ` · ${t('overview.timeline.daysLate', { days: fmt.number(m.daysLate) })}` : '';
          return `${p.data.task.title}<br>${m.title}<br>${fmt.day(m.deadline)} · ${tEnum('overview.milestone', m.status)}${late}`;
        },
      },
      // up to today, so that the distance from a missed deadline to today shows
      xAxis: { type: 'time', max: (value) => Math.max(value.max, Date.now() + 30 * 86400000), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: categories, inverse: true, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: PRINT ? 10 : 12 } },
      series: [
        {
          type: 'custom',
          name: t('overview.timeline.span'),
          renderItem: (params, api) => {
            const y = api.value(0);
            const start = api.coord([api.value(1), y]);
            const end = api.coord([api.value(2), y]);
            const height = api.size([0, 1])[1] * 0.3;
            return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height }, style: { fill: COLOURS.grid } };
          },
          encode: { x: [1, 2], y: 0 },
          data: spans,
          silent: true,
        },
        {
          type: 'scatter',
          name: t('overview.timeline.milestones'),
          symbol: 'diamond',
          symbolSize: PRINT ? 8 : 12,
          data: points,
          markLine: {
            silent: true,
            symbol: 'none',
            label: { formatter: t('overview.timeline.today'), color: COLOURS.danger },
            lineStyle: { color: COLOURS.danger, type: 'dashed' },
            data: [{ xAxis: cityDate() }], // today in the city (toISOString's day is UTC's: yesterday before 08:00)
          },
        },
      ],
    });
  }
  const overdue = tasks.flatMap((task) => task.milestones.filter((m) => m.status === 'MISSED').map((m) => ({ task, m })))
    .sort((a, b) => (b.m.daysLate ?? 0) - (a.m.daysLate ?? 0));
  const tbody = document.querySelector('#overdue-table tbody');
  tbody.replaceChildren(...(overdue.length
    ? overdue.slice(0, PRINT ? 5 : 10).map(({ task, m }) => el('tr', {},
      el('td', {}, el('a', { href: task.link, text: `${task.title} · ${m.title}` })),
      el('td', { text: fmt.day(m.deadline) }),
      el('td', { class: 'num' }, badge(t('overview.timeline.daysLate', { days: fmt.number(m.daysLate ?? 0) }), 'danger')),
      el('td', { text: orgs.names(task.leadOrganisationCodes).join('、') })))
    : [el('tr', {}, el('td', { colspan: 4, class: 'empty', text: t('overview.overdue.none') }))]));
}

// ---- alerts -------------------------------------------------------------------------------

const ALERT_TONES = {
  OPEN_INCIDENT: 'danger', NEW_ANOMALY: 'warn', OVERDUE_TASK: 'danger', LATE_REPORT: 'warn', DISCREPANT_REPORT: 'warn',
  FILING_AWAITING_REVIEW: 'info', NOT_ELIGIBLE_REQUEST: 'danger',
};

/** Who and how late or since when. */
function alertNote(a) {
  const who = a.kind === 'LATE_REPORT' || a.kind === 'DISCREPANT_REPORT' ? null : orgs.name(a.organisationCode);
  const when = a.daysLate ? t('overview.timeline.daysLate', { days: fmt.number(a.daysLate) }) : (a.since ? fmt.relative(a.since) : null);
  return [who, when].filter(Boolean).join(' · ');
}

/** What an alert is about, in words. */
function alertSubject(a) {
  switch (a.kind) {
    case 'NEW_ANOMALY': return tEnum('exchange.anomalyKind', a.subject);
    case 'LATE_REPORT': return `${orgs.name(a.organisationCode)} · ${tEnum('overview.submission', a.subject)}`;
    case 'DISCREPANT_REPORT': return `${orgs.name(a.organisationCode)} · ${t('overview.alert.discrepancies', { n: a.subject })}`;
    default: return a.subject;
  }
}

function renderAlerts(alerts) {
  document.getElementById('alert-totals').replaceChildren(...Object.entries(alerts.totals ?? {}).map(([kind, n]) =>
    el('span', { class: 'alert-total', 'data-kind': kind },
      el('span', { class: 'alert-total-n', text: fmt.number(n) }),
      el('span', { class: 'alert-total-label', text: tEnum('overview.alert', kind) }))));
  const items = alerts.items ?? [];
  document.getElementById('alert-list').replaceChildren(...(items.length
    ? items.slice(0, PRINT ? 5 : 30).map((a) => el('li', { class: 'alert-item', 'data-kind': a.kind },
      badge(tEnum('overview.alert', a.kind), ALERT_TONES[a.kind] ?? 'neutral'),
      el('a', { href: a.link, text: alertSubject(a) }),
      el('span', { class: 'muted', text: alertNote(a) })))
    : [el('li', { class: 'empty', text: t('overview.alerts.none') })]));
}

// ---- ranking ------------------------------------------------------------------------------

const scorecardLink = (year, code) => `/assessment-scorecard.html?year=${year}&organisation=${encodeURIComponent(code)}`;

/** One peer group's ranking table: rank in group, organisation (to its scorecard), total, grade, movement. */
function rankingTable(rows, year, group) {
  const shown = PRINT ? [...rows.slice(0, 3), ...rows.slice(Math.max(3, rows.length - 2))] : rows;
  return el('div', { class: 'table-wrap ranking-table-wrap' },
    el('table', { class: 'table table-compact ranking-table', 'data-group': group },
      el('caption', { text: t(group === 'DEPARTMENT' ? 'assessment.board.departments' : 'assessment.board.regions') }),
      el('thead', {}, el('tr', {}, ...['assessment.column.rankInGroup', 'assessment.column.organisation', 'assessment.column.total',
        'assessment.column.grade', 'assessment.column.movement'].map((k, i) => el('th', { scope: 'col', class: i === 0 || i === 2 ? 'num' : '', text: t(k) })))),
      el('tbody', {}, ...(shown.length ? shown.map((r) => el('tr', { 'data-org': r.organisationCode },
        el('td', { class: 'num', text: r.rankInGroup ?? '—' }),
        el('td', {}, el('a', { href: scorecardLink(year, r.organisationCode), title: t('overview.ranking.drill'), text: r.organisationName ?? r.organisationCode })),
        el('td', { class: 'num', text: score(r.total) }),
        el('td', {}, gradeBadge(r.grade)),
        el('td', { class: 'movement' }, movement(r.movement))))
        : [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: t('overview.ranking.noRows') }))]))));
}

/** Counties and districts side by side: total and each pillar's score. */
function regionsChart(rows, year) {
  if (!rows.length) {
    chartMessage('chart-regions', t('overview.ranking.noRows'), 'empty');
    return;
  }
  const pillars = rows[0].pillars ?? [];
  drawChart('chart-regions', {
    animation: !PRINT,
    grid: { left: 8, right: 8, top: PRINT ? 22 : 40, bottom: 4, containLabel: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: PRINT ? 9 : 12 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => score(v) },
    xAxis: { type: 'category', data: rows.map((r) => r.organisationName ?? r.organisationCode), axisTick: { show: false },
      // every county named: long names (development zones) turn and are cut short, the full name in the tooltip
      axisLabel: { interval: 0, fontSize: PRINT ? 8 : 11, rotate: rows.length > 4 ? 30 : 0, width: PRINT ? 60 : 84, overflow: 'truncate' } },
    yAxis: { type: 'value', min: 0, max: 100, splitNumber: PRINT ? 2 : 5, axisLabel: { fontSize: PRINT ? 9 : 12 } },
    series: [
      { name: t('assessment.column.total'), type: 'bar', barMaxWidth: 26, itemStyle: { color: COLOURS.primary },
        data: rows.map((r) => r.total), label: { show: rows.length <= 6, position: 'top', fontSize: PRINT ? 8 : 11, formatter: (p) => score(p.value) } },
      ...pillars.map((p, i) => ({ name: pillarName(p), type: 'bar', barMaxWidth: 14,
        itemStyle: { color: COLOURS.series[(i + 2) % COLOURS.series.length], opacity: 0.75 },
        data: rows.map((r) => r.pillars.find((x) => x.code === p.code)?.score ?? null) })),
    ],
  });
  // a bar opens that county's scorecard
  const chart = chartFor('chart-regions');
  chart?.off('click');
  chart?.on('click', (params) => { window.location.href = scorecardLink(year, rows[params.dataIndex].organisationCode); });
}

/** Each pillar's leaders and laggards, departments and counties apart; names open the scorecards. */
function pillarsTable(pillars, year) {
  // on paper, the first leader and laggard of each row; on screen all of them
  const names = (all) => (all.length
    ? all.slice(0, PRINT ? 1 : all.length).flatMap((e, i) => [i ? '、' : '', el('a', { href: scorecardLink(year, e.organisationCode), text: e.organisationName ?? e.organisationCode }),
      el('span', { class: 'muted', text: ` ${score(e.score)}` })]).filter((x) => x !== '')
    : [el('span', { class: 'muted', text: '—' })]);
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table table-compact ranking-pillars' },
      el('caption', { text: t('overview.ranking.pillars') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('assessment.column.pillar') }),
        el('th', { scope: 'col', text: t('overview.ranking.group') }),
        el('th', { scope: 'col', text: t('overview.ranking.leaders') }),
        el('th', { scope: 'col', text: t('overview.ranking.laggards') }))),
      el('tbody', {}, ...pillars.map((p) => el('tr', { 'data-pillar': p.code, 'data-group': p.peerGroup },
        el('td', { text: pillarName(p) }),
        el('td', { text: t(`overview.ranking.groupName.${p.peerGroup}`) }),
        el('td', { class: 'leaders', 'data-label': t('overview.ranking.leaders') }, ...names(p.leaders)),
        el('td', { class: 'laggards', 'data-label': t('overview.ranking.laggards') }, ...names(p.laggards)))))));
}

function renderRanking(ranking) {
  const box = document.getElementById('ranking');
  if (!ranking?.published) {
    box.replaceChildren(el('p', { class: 'empty', id: 'ranking-empty', text: t('overview.ranking.none') }));
    return;
  }
  const year = ranking.year;
  const rows = ranking.organisations ?? [];
  const departments = rows.filter((r) => r.peerGroup === 'DEPARTMENT');
  const regions = rows.filter((r) => r.peerGroup === 'REGION');
  box.replaceChildren(
    el('p', { class: 'ranking-meta', id: 'ranking-year', 'data-year': year },
      el('strong', { text: t('overview.ranking.year', { year }) }), ' ', stateBadge(ranking.state),
      el('span', { class: 'muted', text: ` ${t('assessment.methodologyVersion', { version: ranking.methodologyVersion ?? '—' })} ` }),
      el('a', { class: 'no-print', href: `/assessment.html?year=${year}`, text: t('overview.ranking.board') })),
    // a department sees its own row only: no empty group, no leaders and laggards
    el('div', { class: 'ranking-columns' },
      regions.length ? el('div', { class: 'ranking-regions' },
        el('h3', { class: 'ranking-sub', text: t('overview.ranking.regionsChart') }),
        el('div', { id: 'chart-regions', class: 'chart chart-regions', role: 'img', 'aria-label': t('overview.ranking.regionsChart') }),
        rankingTable(regions, year, 'REGION')) : null,
      departments.length ? el('div', { class: 'ranking-departments' }, rankingTable(departments, year, 'DEPARTMENT')) : null,
      ranking.pillars?.length ? el('div', { class: 'ranking-pillars-box' }, pillarsTable(ranking.pillars, year)) : null));
  if (regions.length) regionsChart(regions, year);
}

// ---- loading and live updates ---------------------------------------------------------------

async function loadFigures() {
  renderFigures(await api.get('/api/v1/overview', scope ? { organisation: scope } : {}));
}
async function loadTimeline() {
  renderTimeline(await api.get('/api/v1/overview/timeline'));
}
async function loadAlerts() {
  renderAlerts(await api.get('/api/v1/overview/alerts', { limit: 20 }));
}
async function loadRanking() {
  renderRanking(await api.get('/api/v1/overview/ranking'));
}

async function loadAll() {
  const errorBox = document.getElementById('overview-error');
  try {
    await Promise.all([loadFigures(), loadTimeline(), loadAlerts(), loadRanking()]);
    errorBox.replaceChildren();
    markLoaded();
  } catch (error) {
    renderError(errorBox, error);
    if (document.querySelector('main').getAttribute('data-loaded') !== 'true') markLoaded('error');
  }
}

function setLive(state) {
  const live = document.getElementById('overview-live');
  live.className = `badge badge-${state === 'open' ? 'ok' : state === 'retrying' ? 'warn' : 'neutral'}`;
  live.textContent = t(`overview.live.${state}`);
  live.dataset.state = state;
}

/** The live stream; window.overviewLive exposes counts for the browser test. */
function connectLive() {
  if (typeof EventSource === 'undefined' || PRINT) return;
  const stats = { opened: 0, events: 0, last: null };
  window.overviewLive = stats;
  const reloadFigures = debounce(() => loadFigures().catch(() => {}), 500);
  const reloadAlerts = debounce(() => loadAlerts().catch(() => {}), 500);
  const source = new EventSource('/api/v1/overview/stream');
  setLive('connecting');
  source.onopen = () => {
    stats.opened += 1;
    setLive('open');
  };
  source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'closed' : 'retrying');
  const on = (type, fn) => source.addEventListener(type, (event) => {
    stats.events += 1;
    stats.last = { type, id: event.lastEventId, at: Date.now() };
    document.getElementById('overview-live').title = t('overview.live.lastEvent', { time: fmt.time(new Date()) });
    fn(event);
  });
  on('figures', reloadFigures);
  on('incident', reloadAlerts);
  on('anomaly', reloadAlerts);
  on('verdict', reloadAlerts);
  on('measurement', () => {});
  on('resync', () => loadAll());
}

async function fillScope() {
  if (me.role === 'DEPARTMENT' || PRINT) return;
  const select = document.getElementById('overview-scope');
  select.append(el('option', { value: '', text: t('overview.scope.city') }));
  orgs.fillSelect(select, me);
  select.hidden = false;
  select.addEventListener('change', () => {
    scope = select.value;
    loadFigures().catch((error) => renderError(document.getElementById('overview-error'), error));
  });
}

async function main() {
  me = await initPage();
  if (!me) return;
  if (PRINT) {
    document.body.classList.add('print-view');
    // on screen the print view offers to print itself; on paper the button is not there
    const printButton = document.getElementById('overview-print');
    printButton.textContent = t('overview.printNow');
    printButton.removeAttribute('href');
    printButton.addEventListener('click', (event) => {
      event.preventDefault();
      window.print();
    });
    printButton.classList.add('screen-only');
    document.querySelector('.page-head').append(printButton);
  }
  document.getElementById('print-title').textContent = t('overview.printTitle', { date: fmt.date(new Date()) });
  orgs = await OrgDirectory.load();
  await fillScope();
  await loadAll();
  connectLive();
  // charts follow the sheet when printing from the normal view too
  window.addEventListener('beforeprint', () => document.body.classList.add('printing'));
  window.addEventListener('afterprint', () => document.body.classList.remove('printing'));
  if (getLanguage() !== 'zh-CN') document.documentElement.setAttribute('data-lang', getLanguage());
}

main();
