// Methodology versions (考核办法) of a year with change log and author, YAML export and
// import (the office), and
// the what-if comparison: another version on the same year's facts beside the result — nothing published changes.

import { cityYear } from './city-time.js';
import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, renderError, markLoaded } from './dom.js';
import { queryParams, writeQuery } from './registry.js';
import { score, head, movement } from './assessment-common.js';

const $ = (id) => document.getElementById(id);
let me;

async function load() {
  const year = $('am-year').value;
  writeQuery({ year });
  $('am-error').replaceChildren();
  try {
    const versions = await api.get('/api/v1/methodologies', { year });
    head($('am-versions'), ['assessment.column.version', 'assessment.column.name', 'assessment.column.changeLog', 'assessment.column.author',
      'assessment.column.createdAt', 'assessment.column.actions']);
    $('am-versions').tBodies[0].replaceChildren(...(versions.length ? versions.map((m) => el('tr', { 'data-version': m.version },
      el('td', { class: 'num', text: `v${m.version}` }), el('td', { text: m.name }), el('td', { text: m.changeLog }),
      el('td', { text: m.author }), el('td', { text: fmt.dateTime(m.createdAt) }),
      el('td', {}, el('a', { class: 'btn btn-small', href: `/api/v1/methodologies/${m.year}/${m.version}/yaml`, text: t('assessment.action.export') }),
        me.role === 'EGOV_ADMIN' ? el('button', { class: 'btn btn-small', type: 'button', text: t('assessment.action.whatIf'),
          onclick: () => whatIf(m.year, m.version) }) : '')))
      : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: t('assessment.methodology.none') }))]));
    markLoaded();
  } catch (error) {
    renderError($('am-error'), error);
    markLoaded('error');
  }
}

async function whatIf(year, version) {
  try {
    const w = await api.post(`/api/v1/assessments/${year}/what-if?version=${version}`);
    $('am-whatif-panel').hidden = false;
    $('am-whatif-sub').textContent = t('assessment.whatIf.sub', { base: w.baseVersion, other: w.otherVersion });
    head($('am-whatif'), ['assessment.column.organisation', 'assessment.whatIf.baseTotal', 'assessment.whatIf.baseRank',
      'assessment.whatIf.otherTotal', 'assessment.whatIf.otherRank', 'assessment.whatIf.rankChange', 'assessment.whatIf.changed']);
    $('am-whatif').tBodies[0].replaceChildren(...w.rows.map((r) => el('tr', { 'data-org': r.organisationCode },
      el('td', { text: r.organisationName ?? r.organisationCode }),
      el('td', { class: 'num', text: score(r.baseTotal) }), el('td', { class: 'num', text: r.baseRank ?? '—' }),
      el('td', { class: 'num', text: score(r.otherTotal) }), el('td', { class: 'num', text: r.otherRank ?? '—' }),
      el('td', {}, movement(r.rankChange)),
      el('td', { class: 'small', text: Object.entries(r.indicatorPoints).filter(([, p]) => p[0] !== p[1])
        .map(([code, p]) => `${code}: ${score(p[0])}→${score(p[1])}`).join('；') }))));
  } catch (error) {
    renderError($('am-error'), error);
  }
}

async function importYaml(event) {
  event.preventDefault();
  try {
    await api.post(`/api/v1/methodologies/${$('am-year').value}`, { yaml: $('am-yaml').value, changeLog: $('am-changelog').value });
    await load();
  } catch (error) {
    renderError($('am-error'), error);
  }
}

async function main() {
  me = await initPage();
  if (!me) return;
  $('am-year').value = queryParams().get('year') ?? String(cityYear());
  $('am-year').addEventListener('change', load);
  if (me.role === 'EGOV_ADMIN') {
    $('am-import-panel').hidden = false;
    $('am-import').addEventListener('submit', importYaml);
    try {
      const response = await fetch('/api/v1/methodologies/default.yaml');
      $('am-yaml').value = await response.text();
    } catch (error) {
      renderError($('am-error'), error);
    }
  }
  await load();
}

main();
