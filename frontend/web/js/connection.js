// One connection target: its state, availability today / this month / this year with MTTR, the last day's
// latency per minute, probe settings, maintenance windows and incidents.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, card, renderError, markLoaded } from './dom.js';
import { COLOURS, drawChart, chartMessage } from './charts.js';
import { OrgDirectory, emptyRow } from './registry.js';
import { statusBadge, causeText, duration, percent, when, connectednessBadge, declaredText, agreementBadge } from './connection-format.js';

const $ = (id) => document.getElementById(id);
const code = new URLSearchParams(window.location.search).get('code');

function figure(label, total) {
  const note = total ? t('connection.figureNote', { incidents: fmt.number(total.incidents ?? 0),
    mttr: total.mttrSeconds === null || total.mttrSeconds === undefined ? '—' : duration(total.mttrSeconds),
    unknown: duration(total.unknownSeconds ?? 0) }) : '';
  return card({ label, value: percent(total?.availability), note });
}

function render(d, orgs) {
  const s = d.target;
  $('connection-name').textContent = s.name;
  $('connection-sub').replaceChildren(`${s.code} · ${orgs.name(s.organisationCode)} · ${s.systemName ?? s.systemCode} · `,
    tEnum('connection.kind', s.kind), ' · ', tEnum('connection.probe', s.probe), s.address ? ` · ${s.address}` : '');
  $('connection-cards').replaceChildren(
    card({ label: t('connection.card.status'), value: statusBadge(s.status, s.inMaintenance), textual: true,
      note: s.statusSince ? t('connection.since', { at: fmt.dateTime(s.statusSince) }) : '' }),
    figure(t('connection.card.today'), d.today), figure(t('connection.card.month'), d.month), figure(t('connection.card.year'), d.year),
    card({ label: t('connection.card.lastCheck'), value: s.lastLatencyMs === null || s.lastLatencyMs === undefined ? '—' : `${fmt.number(s.lastLatencyMs)} ms`,
      note: [s.lastCheckAt ? fmt.dateTime(s.lastCheckAt) : '', s.status !== 'UP' ? causeText(s.lastCause) : '', s.lastDetail ?? ''].filter(Boolean).join(' · ') }));
  const settings = [
    ['connection.set.interval', t('connection.set.seconds', { s: fmt.number(s.intervalSeconds) })],
    ['connection.set.thresholds', t('connection.set.thresholdsValue', { down: s.downAfter, up: s.upAfter })],
    ['connection.set.timeout', `${fmt.number(s.timeoutMs)} ms`],
    ['connection.set.expectedStatus', s.expectedStatus],
    ['connection.set.expectedText', s.expectedText ?? '—'],
    ['connection.set.cert', s.certExpiresAt ? t('connection.set.certValue', { at: fmt.date(s.certExpiresAt), days: s.certWarningDays }) : '—'],
    ['connection.set.heartbeat', s.lastHeartbeatAt ? fmt.dateTime(s.lastHeartbeatAt) : '—'],
  ];
  $('connection-settings').replaceChildren(...settings.flatMap(([k, v]) => [el('dt', { text: t(k) }), el('dd', { text: String(v) })]));
  const windows = d.maintenance ?? [];
  $('connection-maintenance').replaceChildren(...(windows.length ? windows.map((w) => el('li', { class: 'small',
    text: `${tEnum('connection.recurrence', w.recurrence)} · ${fmt.dateTime(w.startsAt)} – ${fmt.dateTime(w.endsAt)}${w.startTime ? ` · ${w.startTime} +${w.durationMinutes}′` : ''} · ${w.reason}` }))
    : [el('li', { class: 'muted small', text: t('connection.maintenance.none') })]));
  const table = $('connection-incidents');
  const rows = (d.incidents ?? []).map((i) => el('tr', { 'data-key': String(i.id) },
    el('td', { title: i.detail ?? '', text: causeText(i.cause) + (i.inMaintenance ? ` (${t('connection.inMaintenance')})` : '') }),
    el('td', { class: 'nowrap small' }, when(i.startedAt)), el('td', { class: 'nowrap small' }, when(i.endedAt)),
    el('td', { class: 'num', text: duration(i.durationSeconds) }), el('td', { class: 'num', text: fmt.number(i.failures) })));
  table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(table, 'connections.incidents.empty')]));
  const points = d.latency ?? [];
  if (!points.length) {
    chartMessage('chart-connection-latency', t('connection.latency.empty'), 'empty');
  } else {
    drawChart('chart-connection-latency', {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('connection.latency.avg'), t('connection.latency.max'), t('connection.latency.failures')] },
      xAxis: { type: 'time', min: Date.now() - 24 * 3600_000, max: Date.now() },
      yAxis: [{ type: 'value', name: 'ms' }, { type: 'value', name: t('connection.latency.failures'), minInterval: 1 }],
      series: [
        { name: t('connection.latency.avg'), type: 'line', showSymbol: points.length < 60, data: points.map((p) => [p.at, p.avgMs]) },
        { name: t('connection.latency.max'), type: 'line', showSymbol: points.length < 60, lineStyle: { type: 'dashed' }, data: points.map((p) => [p.at, p.maxMs]) },
        { name: t('connection.latency.failures'), type: 'bar', yAxisIndex: 1, itemStyle: { color: COLOURS.danger }, data: points.map((p) => [p.at, p.failures]) },
      ],
    });
  }
}

/** The measured "connected" fact of the target's system this year, beside the inventory's declaration. */
async function renderFact(target) {
  const body = $('connection-fact-body');
  try {
    const facts = await api.get('/api/v1/connections/connected', { organisation: target.organisationCode });
    const f = facts.find((x) => x.systemCode === target.systemCode);
    if (!f) {
      body.replaceChildren(el('p', { class: 'muted small', text: t('connection.fact.none') }));
      return;
    }
    body.replaceChildren(
      el('dl', { class: 'detail-list', 'data-connectedness': f.connectedness, 'data-disagreement': String(f.disagreement) },
        el('dt', { text: t('connections.col.system') }),
        el('dd', {}, el('a', { href: `/systems.html?code=${encodeURIComponent(f.systemCode)}`, text: `${f.systemName}（${f.systemCode}）` })),
        el('dt', { text: t('connections.col.measured') }), el('dd', {}, connectednessBadge(f.connectedness), ' ',
          t('connection.fact.measured', { availability: percent(f.availability), threshold: fmt.number(f.thresholdPercent),
            from: f.from, to: f.to, targets: fmt.number(f.targets.length), incidents: fmt.number(f.incidents) })),
        el('dt', { text: t('connections.col.declared') }), el('dd', { text: declaredText(f) }),
        el('dt', { text: t('connections.col.agreement') }), el('dd', {}, agreementBadge(f),
          f.disagreement ? el('span', { class: 'muted small', text: ` ${t('connection.fact.disagreementHint')}` }) : null)));
  } catch (error) {
    renderError(body, error);
  }
}

async function main() {
  const me = await initPage();
  if (!me) return;
  const orgs = await OrgDirectory.load();
  const load = async () => {
    try {
      const d = await api.get(`/api/v1/connections/status/${encodeURIComponent(code ?? '')}`);
      render(d, orgs);
      await renderFact(d.target);
      const editable = me.role === 'EGOV_ADMIN' || (me.role === 'DEPARTMENT' && me.organisation?.code === d.target.organisationCode);
      $('connection-check').hidden = !editable || d.target.probe === 'HEARTBEAT';
    } catch (error) {
      renderError($('connection-error'), error);
    }
  };
  $('connection-check').addEventListener('click', async () => {
    try {
      await api.post(`/api/v1/connections/targets/${encodeURIComponent(code)}/check`);
      await load();
    } catch (error) {
      renderError($('connection-error'), error);
    }
  });
  await load();
  markLoaded();
}

main();
