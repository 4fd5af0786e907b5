// Challenges of the yearly assessment (考核异议): the office's queue — every department's objections of a year, waiting ones
// first, each accepted with a corrected score or rejected, always with a reason — and a department's own challenges ("my
// challenges") with the form to file one on an indicator of its published result, with a reason and attachments, within
// the challenge window. Leaders and auditors read the list.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, card, renderError, markLoaded, badge } from './dom.js';
import { OrgDirectory, queryParams, writeQuery } from './registry.js';
import { fillAssessmentYears, stateBadge, head, attachmentLinks, fileChallenge, wireFilePick, decisionForm } from './assessment-common.js';

const $ = (id) => document.getElementById(id);
const TONE = { FILED: 'warn', ACCEPTED: 'ok', REJECTED: 'neutral' };
let me;
let orgs;

const office = () => me.role === 'EGOV_ADMIN';
const department = () => me.role === 'DEPARTMENT';
const ownOrg = () => me.organisation?.code ?? null;

function indicatorNames(methodology) {
  const names = {};
  for (const p of methodology?.definition?.pillars ?? []) {
    for (const i of p.indicators ?? []) names[i.code] = i.name;
  }
  return names;
}

async function load() {
  const year = $('ch-year').value;
  const status = $('ch-status').value;
  writeQuery({ year, status: status || null });
  $('ch-error').replaceChildren();
  if (!year) {
    $('ch-table').tBodies[0].replaceChildren(el('tr', {}, el('td', { class: 'empty', text: t('assessment.challenges.none') })));
    markLoaded();
    return;
  }
  try {
    const [view, all] = await Promise.all([api.get(`/api/v1/assessments/${year}`), api.get(`/api/v1/assessments/${year}/challenges`)]);
    const names = indicatorNames(view.methodology);
    const until = view.publication?.challengeUntil;
    $('ch-sub').replaceChildren(stateBadge(view.state),
      el('span', { text: until ? ` ${t('assessment.challengesPage.windowUntil', { date: fmt.date(until) })}` : '' }));
    const count = (s) => all.filter((c) => c.status === s).length;
    $('ch-cards').replaceChildren(
      card({ label: t('assessment.challengeStatus.FILED'), value: count('FILED'), tone: count('FILED') > 0 ? 'warn' : null, attrs: { 'data-card': 'filed' } }),
      card({ label: t('assessment.challengeStatus.ACCEPTED'), value: count('ACCEPTED') }),
      card({ label: t('assessment.challengeStatus.REJECTED'), value: count('REJECTED') }));
    const order = { FILED: 0, ACCEPTED: 1, REJECTED: 2 };
    const rows = all.filter((c) => !status || c.status === status)
      .sort((a, b) => order[a.status] - order[b.status] || String(a.filedAt).localeCompare(String(b.filedAt)));
    const decidable = office() && view.state === 'PUBLISHED';
    head($('ch-table'), ['assessment.field.organisation', 'assessment.column.indicator', 'assessment.column.reason', 'assessment.field.attachments',
      'assessment.challengesPage.filedBy', 'assessment.column.filedAt', 'assessment.column.status', 'assessment.column.decision']);
    $('ch-table').tBodies[0].replaceChildren(...(rows.length ? rows.map((c) => el('tr', { 'data-challenge': c.id, 'data-status': c.status },
      el('td', {}, el('a', { href: `/assessment-scorecard.html?year=${year}&organisation=${encodeURIComponent(c.organisationCode)}`,
        text: orgs.name(c.organisationCode) })),
      el('td', { text: names[c.indicatorCode] ?? c.indicatorCode }),
      el('td', { text: c.reason }),
      el('td', {}, attachmentLinks(year, c)),
      el('td', { text: c.filedBy }),
      el('td', { text: fmt.dateTime(c.filedAt) }),
      el('td', {}, badge(t(`assessment.challengeStatus.${c.status}`), TONE[c.status] ?? 'neutral')),
      el('td', {}, c.status === 'FILED' && decidable ? decisionForm(year, c, load, $('ch-error')) : decision(c))))
      : [el('tr', {}, el('td', { colspan: 8, class: 'empty', text: t('assessment.challenges.none') }))]));
    await fileForm(year, view);
    markLoaded();
  } catch (error) {
    renderError($('ch-error'), error);
    markLoaded('error');
  }
}

function decision(c) {
  if (c.status === 'FILED') return el('span', { class: 'muted', text: t('assessment.challengesPage.waiting') });
  return el('div', {},
    el('div', { text: c.decisionReason ?? '' }),
    c.correctedScore !== null && c.correctedScore !== undefined
      ? el('div', { class: 'small', text: t('assessment.challengesPage.correctedTo', { percent: c.correctedScore }) }) : null,
    el('div', { class: 'small muted', text: `${c.decidedBy ?? ''} ${c.decidedAt ? fmt.dateTime(c.decidedAt) : ''}` }));
}


/** A department files on its own published result while the window is open (the scorecard says whether it may). */
async function fileForm(year, view) {
  $('ch-file').hidden = true;
  if (!department() || !ownOrg() || view.state !== 'PUBLISHED') return;
  const s = await api.get(`/api/v1/assessments/${year}/results/${ownOrg()}`);
  if (!s.canChallenge) return;
  $('ch-indicator').replaceChildren(...s.indicators.map((i) => new Option(i.name, i.code)));
  $('ch-window').textContent = view.publication?.challengeUntil
    ? t('assessment.challengesPage.windowUntil', { date: fmt.date(view.publication.challengeUntil) }) : '';
  $('ch-file').hidden = false;
}

async function file(event) {
  event.preventDefault();
  try {
    await fileChallenge($('ch-year').value, { organisationCode: ownOrg(), indicatorCode: $('ch-indicator').value,
      reason: $('ch-reason').value }, $('ch-attachments'));
    $('ch-reason').value = '';
    $('ch-attachments').value = '';
    await load();
  } catch (error) {
    renderError($('ch-error'), error);
  }
}

async function main() {
  me = await initPage();
  if (!me) return;
  wireFilePick($('ch-attachments'));
  try {
    const params = queryParams();
    orgs = await OrgDirectory.load();
    const heading = office() ? 'assessment.challengesPage.queueHeading' : department() ? 'assessment.challengesPage.mineHeading'
      : 'assessment.challengesPage.heading';
    $('ch-heading').textContent = t(heading);
    $('ch-list-heading').textContent = t(department() ? 'assessment.challengesPage.mine' : 'assessment.challengesPage.queue');
    document.title = `${t(heading)} · GovShare`;
    await fillAssessmentYears($('ch-year'), params.get('year'));
    if (params.get('status')) $('ch-status').value = params.get('status');
    $('ch-year').addEventListener('change', load);
    $('ch-status').addEventListener('change', load);
    $('ch-form').addEventListener('submit', file);
    await load();
  } catch (error) {
    renderError($('ch-error'), error);
    markLoaded('error');
  }
}

main();
