// Leadership overview of the annual report ("年度报告报送情况"): for a year, how every organisation stands
// (on time, late, missing, not yet due), the discrepancies beyond the tolerance, and the XLSX summary.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, card, renderError, markLoaded } from './dom.js';
import { drawChart, COLOURS } from './charts.js';
import { OrgDirectory, queryParams, writeQuery } from './registry.js';
import { fillYears, figureLabel, statusBadge, submissionBadge, value } from './annual-report-common.js';

const $ = (id) => document.getElementById(id);
const SUBMISSIONS = ['ON_TIME', 'LATE', 'MISSING', 'PENDING'];
const COLOUR = { ON_TIME: '#2e8b57', LATE: '#d4871f', MISSING: COLOURS.danger, PENDING: COLOURS.previous };
let orgs;

async function load() {
  const year = $('aro-year').value;
  writeQuery({ year });
  $('aro-error').replaceChildren();
  $('aro-xlsx').href = `/api/v1/annual-reports/${year}/summary.xlsx`;
  try {
    const [overview, discrepancies] = await Promise.all([
      api.get('/api/v1/annual-reports', { year }),
      api.get('/api/v1/annual-reports/discrepancies', { year }),
    ]);
    const w = overview.window;
    $('aro-window').textContent = t('annualReport.window', { opensOn: fmt.day(w.opensOn), deadline: fmt.day(w.deadline), tolerance: w.tolerancePercent });
    $('aro-cards').replaceChildren(...SUBMISSIONS.map((s) => card({ label: t(`annualReport.submission.${s}`), value: overview.counts[s] ?? 0,
      tone: s === 'MISSING' && overview.counts[s] ? 'danger' : s === 'LATE' && overview.counts[s] ? 'warn' : null, attrs: { 'data-submission': s } })),
    card({ label: t('annualReport.overview.discrepancies'), value: overview.discrepancies, tone: overview.discrepancies ? 'danger' : null }));
    drawChart('chart-aro-submissions', {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}: {c}' },
        data: SUBMISSIONS.map((s) => ({ name: t(`annualReport.submission.${s}`), value: overview.counts[s] ?? 0, itemStyle: { color: COLOUR[s] } })) }],
    });
    $('aro-table').tBodies[0].replaceChildren(...overview.rows.map((r) => el('tr', { 'data-org': r.organisationCode },
      el('td', {}, el('a', { href: `/annual-report.html?year=${year}&organisation=${r.organisationCode}`, text: r.organisationName })),
      el('td', {}, submissionBadge(r.submission)),
      el('td', {}, statusBadge(r.status)),
      el('td', { class: 'num', text: r.version ?? '' }),
      el('td', { text: r.firstSubmittedAt ? fmt.dateTime(r.firstSubmittedAt) : '' }),
      el('td', { class: 'num', text: r.discrepancies || '' }),
      el('td', { text: r.returnComment ?? '' }))));
    const body = $('aro-discrepancies').tBodies[0];
    body.replaceChildren(...(discrepancies.length
      ? discrepancies.map((d) => el('tr', { class: 'row-alert' },
        el('td', {}, el('a', { href: `/annual-report.html?year=${year}&organisation=${d.organisationCode}`, text: orgs.name(d.organisationCode) })),
        el('td', { text: figureLabel(d.figure) }),
        el('td', { class: 'num', text: value(d.measured) }),
        el('td', { class: 'num', text: value(d.reported) }),
        el('td', { text: d.reason })))
      : [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: t('annualReport.overview.noDiscrepancies') }))]));
    markLoaded();
  } catch (error) {
    renderError($('aro-error'), error);
    markLoaded('error');
  }
}

async function main() {
  const me = await initPage();
  if (!me) return;
  try {
    orgs = await OrgDirectory.load();
    await fillYears($('aro-year'), queryParams().get('year'));
    $('aro-year').addEventListener('change', load);
    await load();
  } catch (error) {
    renderError($('aro-error'), error);
    markLoaded('error');
  }
}

main();
