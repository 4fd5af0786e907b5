// An organisation's scorecard (考核成绩单): total, grade and ranks, pillars on a radar, every indicator with its
// inputs, formula and evidence links (not applicable / no data said as such), the trend over years, and
// challenges — a department files them on its own result, the office decides with a reason. Printable.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, card, renderError, markLoaded, badge } from './dom.js';
import { drawChart } from './charts.js';
import { OrgDirectory, queryParams, writeQuery } from './registry.js';
import { fillAssessmentYears, score, gradeBadge, stateBadge, head, attachmentLinks, fileChallenge, wireFilePick, decisionForm, pillarName } from './assessment-common.js';

const $ = (id) => document.getElementById(id);
let me;
let orgs;

function evidence(list) {
  return el('ul', { class: 'plain-list' }, ...(list ?? []).slice(0, 12).map((e) => el('li', {},
    e.link ? el('a', { href: e.link, text: e.label }) : el('span', { text: e.label }))));
}

function indicatorScore(i) {
  if (i.status === 'NOT_APPLICABLE') return badge(t('assessment.status.NOT_APPLICABLE'), 'neutral');
  if (i.status === 'NO_DATA') return badge(t('assessment.status.NO_DATA'), 'neutral');
  return el('span', { text: `${score(i.points)} / ${i.weight}` });
}

async function load() {
  const year = $('sc-year').value;
  const organisation = $('sc-org').value;
  writeQuery({ year, organisation });
  $('sc-error').replaceChildren();
  if (!year || !organisation) {
    markLoaded();
    return;
  }
  try {
    const s = await api.get(`/api/v1/assessments/${year}/results/${organisation}`);
    $('sc-heading').textContent = t('assessment.scorecard.headingOf', { organisation: s.organisationName ?? organisation, year });
    $('sc-sub').replaceChildren(stateBadge(s.state), el('span', { text: ` ${t('assessment.methodologyVersion', { version: s.methodology?.version ?? '—' })}`
      + (s.resultVersion > 1 ? ` · ${t('assessment.corrected', { version: s.resultVersion, reason: s.correctionReason ?? '' })}` : '') }));
    $('sc-cards').replaceChildren(
      card({ label: t('assessment.column.total'), value: score(s.total) }),
      card({ label: t('assessment.column.grade'), value: s.grade ?? t('assessment.noGrade'), textual: true, tone: s.grade === '不合格' ? 'danger' : null }),
      card({ label: t('assessment.column.rankInGroup'), value: s.rankInGroup ? `${s.rankInGroup} / ${s.groupSize}` : '—', textual: true }),
      card({ label: t('assessment.column.rank'), value: s.rankOverall ?? '—' }));
    drawChart('chart-sc-radar', {
      tooltip: {},
      radar: { indicator: s.pillars.map((p) => ({ name: pillarName(p), max: 100 })) },
      series: [{ type: 'radar', data: [{ name: s.organisationName ?? organisation, value: s.pillars.map((p) => p.score ?? 0) }], areaStyle: { opacity: 0.2 } }],
    });
    drawChart('chart-sc-trend', {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: s.trend.map((p) => String(p.year)) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ type: 'line', name: t('assessment.column.total'), data: s.trend.map((p) => p.total), label: { show: true } }],
    });
    const pillarNames = Object.fromEntries(s.pillars.map((p) => [p.code, pillarName(p)]));
    head($('sc-indicators'), ['assessment.column.pillar', 'assessment.column.indicator', 'assessment.column.score', 'assessment.column.formula',
      'assessment.column.inputs', 'assessment.column.evidence']);
    $('sc-indicators').tBodies[0].replaceChildren(...s.indicators.map((i) => el('tr', { 'data-indicator': i.code, 'data-status': i.status },
      el('td', { text: pillarNames[i.pillar] ?? i.pillar }),
      el('td', { text: i.name }),
      el('td', { class: 'num' }, indicatorScore(i)),
      el('td', { class: 'mono', text: i.status === 'SCORED' ? i.formula : t(`assessment.why.${i.formula}`) }),
      el('td', { class: 'mono small', text: Object.entries(i.inputs ?? {}).filter(([, v]) => typeof v !== 'object' || v === null)
        .map(([k, v]) => `${k}=${v}`).join(' ') }),
      el('td', {}, evidence(i.evidence)))));
    head($('sc-challenges'), ['assessment.column.indicator', 'assessment.column.reason', 'assessment.field.attachments', 'assessment.column.status',
      'assessment.column.decision', 'assessment.column.filedAt']);
    $('sc-challenges').tBodies[0].replaceChildren(...(s.challenges.length ? s.challenges.map((c) => el('tr', { 'data-challenge': c.id },
      el('td', { text: c.indicatorCode }), el('td', { text: c.reason }), el('td', {}, attachmentLinks(year, c)),
      el('td', { text: t(`assessment.challengeStatus.${c.status}`) }),
      el('td', {}, c.status === 'FILED' && me.role === 'EGOV_ADMIN' && s.state === 'PUBLISHED' ? decisionForm(year, c, load, $('sc-error')) : el('span', { text: c.decisionReason ?? '' })),
      el('td', { text: fmt.dateTime(c.filedAt) })))
      : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: t('assessment.challenges.none') }))]));
    $('sc-challenge-form').hidden = !s.canChallenge;
    $('sc-challenges-link').href = `/assessment-challenges.html?year=${year}`;
    $('sc-ch-indicator').replaceChildren(...s.indicators.map((i) => new Option(i.name, i.code)));
    markLoaded();
  } catch (error) {
    renderError($('sc-error'), error);
    markLoaded('error');
  }
}


async function challenge(event) {
  event.preventDefault();
  try {
    await fileChallenge($('sc-year').value, { organisationCode: $('sc-org').value, indicatorCode: $('sc-ch-indicator').value,
      reason: $('sc-ch-reason').value }, $('sc-ch-attachments'));
    $('sc-ch-reason').value = '';
    $('sc-ch-attachments').value = '';
    await load();
  } catch (error) {
    renderError($('sc-error'), error);
  }
}

async function main() {
  me = await initPage();
  if (!me) return;
  wireFilePick($('sc-ch-attachments'));
  try {
    const params = queryParams();
    orgs = await OrgDirectory.load();
    await fillAssessmentYears($('sc-year'), params.get('year'));
    orgs.fillSelect($('sc-org'), me);
    let wanted = params.get('organisation') ?? me.organisation?.code;
    if (!params.get('organisation') && $('sc-year').value && me.role !== 'DEPARTMENT') {
      // the office or the leadership opening the page from the menu: their own unit is not assessed; show the year's first
      const board = await api.get(`/api/v1/assessments/${$('sc-year').value}/results`);
      if (!board.rows.some((r) => r.organisationCode === wanted)) wanted = board.rows[0]?.organisationCode ?? wanted;
    }
    if (wanted && [...$('sc-org').options].some((o) => o.value === wanted)) $('sc-org').value = wanted;
    $('sc-year').addEventListener('change', load);
    $('sc-org').addEventListener('change', load);
    $('sc-print').addEventListener('click', () => window.print());
    $('sc-challenge-form').addEventListener('submit', challenge);
    await load();
  } catch (error) {
    renderError($('sc-error'), error);
    markLoaded('error');
  }
}

main();
