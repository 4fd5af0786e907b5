// Ranking board of the yearly assessment (评价考核排名): departments and counties/districts apart, with movement
// since last year; the office runs (progress streamed), publishes and finalises; challenges of the year.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, renderError, markLoaded } from './dom.js';
import { queryParams, writeQuery } from './registry.js';
import { fillAssessmentYears, score, gradeBadge, stateBadge, head, movement } from './assessment-common.js';

const $ = (id) => document.getElementById(id);
let me;

function rows(table, rows, year) {
  head(table, ['assessment.column.rankInGroup', 'assessment.column.organisation', 'assessment.column.total', 'assessment.column.grade',
    'assessment.column.previous', 'assessment.column.movement']);
  table.tBodies[0].replaceChildren(...rows.map((r) => el('tr', { 'data-org': r.organisationCode },
    el('td', { class: 'num', text: r.rankInGroup ?? '—' }),
    el('td', {}, el('a', { href: `/assessment-scorecard.html?year=${year}&organisation=${r.organisationCode}`, text: r.organisationName ?? r.organisationCode })),
    el('td', { class: 'num', text: score(r.total) }),
    el('td', {}, gradeBadge(r.grade)),
    el('td', { class: 'num', text: score(r.previousTotal) }),
    el('td', {}, movement(r.movement)))));
}

async function load() {
  const year = $('as-year').value;
  writeQuery({ year });
  $('as-error').replaceChildren();
  if (!year) {
    markLoaded();
    return;
  }
  try {
    const [view, board, challenges] = await Promise.all([
      api.get(`/api/v1/assessments/${year}`),
      api.get(`/api/v1/assessments/${year}/results`),
      api.get(`/api/v1/assessments/${year}/challenges`),
    ]);
    $('as-state').replaceChildren(stateBadge(view.state), el('span', { class: 'muted',
      text: ` ${t('assessment.methodologyVersion', { version: view.methodology?.version ?? '—' })}` }));
    rows($('as-departments'), board.rows.filter((r) => r.peerGroup === 'DEPARTMENT'), year);
    rows($('as-regions'), board.rows.filter((r) => r.peerGroup === 'REGION'), year);
    head($('as-challenges'), ['assessment.column.organisation', 'assessment.column.indicator', 'assessment.column.reason',
      'assessment.column.status', 'assessment.column.decision']);
    $('as-challenges').tBodies[0].replaceChildren(...(challenges.length ? challenges.map((c) => el('tr', {},
      el('td', {}, el('a', { href: `/assessment-scorecard.html?year=${year}&organisation=${c.organisationCode}`, text: c.organisationCode })),
      el('td', { text: c.indicatorCode }),
      el('td', { text: c.reason }),
      el('td', { text: t(`assessment.challengeStatus.${c.status}`) }),
      el('td', { text: c.decisionReason ?? '' })))
      : [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: t('assessment.challenges.none') }))]));
    const office = me.role === 'EGOV_ADMIN';
    $('as-run').hidden = !office;
    $('as-publish').hidden = !office || view.state !== 'DRAFT';
    $('as-finalise').hidden = !office || view.state !== 'PUBLISHED';
    if (me.role !== 'DEPARTMENT') {
      $('as-runs-panel').hidden = false;
      head($('as-runs'), ['assessment.column.run', 'assessment.column.purpose', 'assessment.column.version', 'assessment.column.startedBy',
        'assessment.column.startedAt', 'assessment.column.status']);
      $('as-runs').tBodies[0].replaceChildren(...view.runs.map((r) => el('tr', {},
        el('td', { class: 'num', text: r.id }), el('td', { text: t(`assessment.purpose.${r.purpose}`) }),
        el('td', { class: 'num', text: r.methodologyVersion }), el('td', { text: r.startedBy }),
        el('td', { text: fmt.dateTime(r.startedAt) }), el('td', { text: t(`assessment.runStatus.${r.status}`) }))));
    }
    markLoaded();
  } catch (error) {
    renderError($('as-error'), error);
    markLoaded('error');
  }
}

async function run() {
  const year = $('as-year').value;
  try {
    const started = await api.post(`/api/v1/assessments/${year}/runs`);
    const source = new EventSource(`/api/v1/assessments/${year}/runs/${started.id}/events`);
    const show = (step) => { $('as-progress').textContent = t('assessment.progress', { step: t(`assessment.step.${step}`) }); };
    ['started', 'systems', 'connection', 'exchange', 'reports', 'tasks', 'scoring'].forEach((s) => source.addEventListener(s, () => show(s)));
    ['done', 'failed'].forEach((s) => source.addEventListener(s, () => { show(s); source.close(); load(); }));
    source.onerror = () => source.close();
  } catch (error) {
    renderError($('as-error'), error);
  }
}

async function post(path) {
  try {
    await api.post(path, {});
    await load();
  } catch (error) {
    renderError($('as-error'), error);
  }
}

async function main() {
  me = await initPage();
  if (!me) return;
  try {
    await fillAssessmentYears($('as-year'), queryParams().get('year'));
    $('as-year').addEventListener('change', load);
    $('as-run').addEventListener('click', run);
    $('as-publish').addEventListener('click', () => post(`/api/v1/assessments/${$('as-year').value}/publish`));
    $('as-finalise').addEventListener('click', () => post(`/api/v1/assessments/${$('as-year').value}/finalise`));
    await load();
  } catch (error) {
    renderError($('as-error'), error);
    markLoaded('error');
  }
}

main();
