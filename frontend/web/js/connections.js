// Connection status wall (网络通): counts, organisations × days heat-map of availability (unknown shown
// apart from down), the provincial link, open and past incidents, every target's state. Refreshes itself.

import { cityDate, cityYear } from './city-time.js';
import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, card, renderError, markLoaded } from './dom.js';
import { COLOURS, drawChart, chartFailed } from './charts.js';
import { OrgDirectory, emptyRow, isScoped } from './registry.js';
import { statusBadge, causeText, duration, percent, targetLink, when, connectednessBadge, declaredText, agreementBadge } from './connection-format.js';

const REFRESH_MS = 30_000;
const WALL_DAYS = 30;
const $ = (id) => document.getElementById(id);
const page = { me: null, orgs: new OrgDirectory() };


function renderCards(status) {
  const c = status.counts ?? {};
  $('connections-cards').replaceChildren(
    card({ label: t('connections.card.total'), value: fmt.number(status.items.length), note: t('connections.card.totalNote') }),
    card({ label: tEnum('connection.status', 'UP'), value: fmt.number(c.UP ?? 0) }),
    card({ label: tEnum('connection.status', 'DOWN'), value: fmt.number(c.DOWN ?? 0), tone: (c.DOWN ?? 0) > 0 ? 'alert' : undefined }),
    card({ label: tEnum('connection.status', 'UNKNOWN'), value: fmt.number(c.UNKNOWN ?? 0), note: t('connections.card.unknownNote') }),
    card({ label: t('connection.inMaintenance'), value: fmt.number(status.inMaintenance ?? 0) }));
}

function renderTargets(status) {
  const table = $('connections-targets');
  const rows = status.items.map((s) => el('tr', { 'data-key': s.code, 'data-status': s.status },
    el('td', { class: 'name-cell' }, targetLink(s.code, s.name)),
    el('td', { class: 'name-cell', text: page.orgs.name(s.organisationCode) }),
    el('td', { text: tEnum('connection.kind', s.kind) }),
    el('td', {}, statusBadge(s.status, s.inMaintenance)),
    el('td', { class: 'nowrap small' }, when(s.lastCheckAt)),
    el('td', { class: 'num', text: s.lastLatencyMs === null || s.lastLatencyMs === undefined ? '' : `${fmt.number(s.lastLatencyMs)} ms` }),
    el('td', { class: 'small', text: s.status === 'UP' ? '' : causeText(s.lastCause) })));
  table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(table, 'connections.targets.empty')]));
}

function incidentRow(i, past) {
  return el('tr', { 'data-key': String(i.id) },
    el('td', { class: 'name-cell' }, targetLink(i.targetCode, i.targetName)),
    el('td', { class: 'name-cell', text: page.orgs.name(i.organisationCode) }),
    el('td', { class: 'small', title: i.detail ?? '', text: causeText(i.cause) + (i.inMaintenance ? ` (${t('connection.inMaintenance')})` : '') }),
    el('td', { class: 'nowrap small' }, when(i.startedAt)),
    past ? el('td', { class: 'nowrap small' }, when(i.endedAt)) : null,
    el('td', { class: 'num', text: duration(i.durationSeconds) }));
}

function renderIncidents(id, result, past) {
  const table = $(id);
  const items = result?.items ?? [];
  table.tBodies[0].replaceChildren(...(items.length ? items.map((i) => incidentRow(i, past)) : [emptyRow(table, 'connections.incidents.empty')]));
}

function renderWall(report) {
  const orgs = [...new Set(report.rows.map((r) => r.key))];
  const days = [...new Set(report.rows.map((r) => r.bucket))].sort();
  const data = report.rows.map((r) => {
    const measured = r.upSeconds + r.downSeconds;
    const value = r.availability === null || r.availability === undefined
      ? (r.unknownSeconds > 0 || measured > 0 ? -1 : -2) : Math.round(r.availability * 10_000) / 100;
    return [days.indexOf(r.bucket), orgs.indexOf(r.key), value];
  }).filter((d) => d[2] !== -2);
  if (!orgs.length) {
    drawChart('chart-connections-wall', { graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: t('connections.wall.empty'), fill: COLOURS.muted } }] });
    return;
  }
  $('chart-connections-wall').style.height = `${Math.max(320, 22 * orgs.length + 90)}px`;
  drawChart('chart-connections-wall', {
    tooltip: {
      formatter: (p) => `${page.orgs.name(orgs[p.value[1]])}<br>${days[p.value[0]]}<br>${p.value[2] < 0 ? t('connection.noData') : `${p.value[2]}%`}`,
    },
    grid: { left: 150, right: 20, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), splitArea: { show: true } },
    yAxis: { type: 'category', data: orgs.map((o) => page.orgs.name(o)), axisLabel: { width: 140, overflow: 'truncate' } },
    visualMap: {
      type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0,
      pieces: [
        { value: -1, label: t('connections.wall.unknown'), color: '#c8ccd2' },
        { min: 0, max: 95, label: t('connections.wall.low'), color: COLOURS.danger },
        { min: 95, max: 99.5, label: t('connections.wall.mid'), color: '#f0a020' },
        { min: 99.5, max: 100, label: t('connections.wall.high'), color: COLOURS.ok ?? '#2e9d5b' },
      ],
    },
    series: [{ type: 'heatmap', data, label: { show: false } }],
  });
}

/** Every system's measured "connected" fact this year beside the inventory's declaration; disagreement flagged. */
async function renderFacts(org) {
  const facts = await api.get('/api/v1/connections/connected', { organisation: org });
  page.facts = facts;
  showFacts();
}

function showFacts() {
  const facts = page.facts ?? [];
  const filter = $('connections-facts-filter').value;
  const shown = facts.filter((f) => filter === 'all' || (filter === 'registered' ? f.connectedness !== 'NOT_REGISTERED' : f.disagreement));
  const first = facts[0];
  $('connections-facts-note').textContent = first ? t('connections.facts.note', { from: first.from, to: first.to,
    threshold: fmt.number(first.thresholdPercent), disagreements: fmt.number(facts.filter((f) => f.disagreement).length),
    total: fmt.number(facts.length) }) : '';
  const table = $('connections-facts');
  const rows = shown.map((f) => el('tr', { 'data-key': f.systemCode, 'data-connectedness': f.connectedness, 'data-disagreement': String(f.disagreement) },
    el('td', { class: 'name-cell' }, el('a', { href: `/systems.html?code=${encodeURIComponent(f.systemCode)}` },
      el('div', { class: 'strong', text: f.systemName }), el('div', { class: 'mono muted small nowrap', text: f.systemCode }))),
    el('td', { class: 'name-cell', text: page.orgs.name(f.organisationCode) }),
    el('td', {}, connectednessBadge(f.connectedness),
      f.targets?.length ? el('div', { class: 'muted small' }, ...f.targets.flatMap((x, i) => [i ? '，' : '',
        el('a', { href: `/connection.html?code=${encodeURIComponent(x.targetCode)}`, text: x.name })])) : null),
    el('td', { class: 'num', text: f.connectedness === 'NOT_REGISTERED' ? '' : percent(f.availability) }),
    el('td', { class: 'small', text: declaredText(f) }),
    el('td', {}, agreementBadge(f))));
  table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(table, 'connections.facts.empty')]));
}

async function renderProvincial() {
  const body = $('connections-provincial-body');
  const y = cityYear();
  const [status, year, incidents] = await Promise.all([
    api.get('/api/v1/connections/status', { kind: 'PROVINCIAL_LINK' }),
    api.get('/api/v1/connections/availability', { by: 'target', granularity: 'month', kind: 'PROVINCIAL_LINK',
      from: `${y}-01-01`, to: `${y + 1}-01-01` }),
    api.get('/api/v1/connections/incidents', { kind: 'PROVINCIAL_LINK', size: 5 }),
  ]);
  const rows = status.items.map((s) => {
    const total = year.totals.find((x) => x.key === s.code);
    return el('div', { class: 'provincial-link', 'data-key': s.code },
      el('div', {}, targetLink(s.code, s.name), ' ', statusBadge(s.status, s.inMaintenance)),
      el('div', { class: 'small', text: t('connections.provincial.figures', {
        year: percent(total?.availability), incidents: fmt.number(total?.incidents ?? 0),
        mttr: total?.mttrSeconds === null || total?.mttrSeconds === undefined ? '—' : duration(total.mttrSeconds) }) }),
      el('div', { class: 'muted small', text: t('connections.provincial.lastCheck', { at: s.lastCheckAt ? fmt.dateTime(s.lastCheckAt) : '—',
        latency: s.lastLatencyMs ?? '—' }) }));
  });
  const recent = (incidents.items ?? []).map((i) => el('li', { class: 'small' },
    `${fmt.dateTime(i.startedAt)} · ${causeText(i.cause)} · ${i.endedAt ? duration(i.durationSeconds) : t('connections.provincial.ongoing')}`));
  body.replaceChildren(...(rows.length ? rows : [el('p', { class: 'empty', text: t('connections.provincial.none') })]),
    el('h3', { class: 'small', text: t('connections.provincial.recent') }),
    recent.length ? el('ul', {}, ...recent) : el('p', { class: 'muted small', text: t('connections.incidents.empty') }));
}

async function reload() {
  $('connections-error').replaceChildren();
  const org = $('connections-org').value || undefined;
  const now = new Date();
  try {
    const [status, open, past] = await Promise.all([
      api.get('/api/v1/connections/status', { organisation: org }),
      api.get('/api/v1/connections/incidents', { open: true, organisation: org, size: 100 }),
      api.get('/api/v1/connections/incidents', { open: false, organisation: org, size: 30 }),
    ]);
    renderCards(status);
    renderTargets(status);
    renderIncidents('connections-open', open, false);
    renderIncidents('connections-past', past, true);
  } catch (error) {
    renderError($('connections-error'), error);
  }
  try {
    renderWall(await api.get('/api/v1/connections/availability', { by: 'organisation', granularity: 'day', organisation: org,
      from: cityDate(now, 1 - WALL_DAYS), to: cityDate(now, 1) })); // the city's last WALL_DAYS days, today included
  } catch (error) {
    chartFailed('chart-connections-wall', error);
  }
  try {
    await renderFacts(org);
  } catch (error) {
    renderError($('connections-error'), error);
  }
  try {
    await renderProvincial();
  } catch (error) {
    renderError($('connections-provincial-body'), error);
  }
  $('connections-updated').textContent = t('connections.updated', { at: fmt.dateTime(new Date().toISOString()) });
}

async function main() {
  page.me = await initPage();
  if (!page.me) return;
  page.orgs = await OrgDirectory.load();
  const select = $('connections-org');
  for (const o of page.orgs.items) select.append(el('option', { value: o.code, text: page.orgs.name(o.code) }));
  if (isScoped(page.me)) {
    select.value = page.me.organisation?.code ?? "";
    select.disabled = true;
  }
  $('connections-admin-link').hidden = page.me.role !== 'EGOV_ADMIN';
  select.addEventListener('change', reload);
  $('connections-facts-filter').addEventListener('change', showFacts);
  $('connections-refresh').addEventListener('click', reload);
  await reload();
  markLoaded();
  setInterval(reload, REFRESH_MS);
}

main();
