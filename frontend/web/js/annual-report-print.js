// Printable annual report ("年度报告打印版"): one organisation's report for a year in Chinese, with charts
// drawn from its figures, laid out for A4 by css/annual-report-print.css. ?year=&organisation=&version=

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, renderError, markLoaded } from './dom.js';
import { drawChart } from './charts.js';
import { OrgDirectory, queryParams } from './registry.js';
import { asOfNote, historyNote, figureLabel, reportedValue, sectionLabel, value } from './annual-report-common.js';

const $ = (id) => document.getElementById(id);

function figuresOf(report) {
  const m = new Map();
  report.sections.forEach((s) => s.figures.forEach((f) => m.set(f.key, f)));
  return m;
}

function bar(id, keys, figures) {
  const shown = keys.filter((k) => figures.has(k));
  drawChart(id, {
    animation: false,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: shown.map(figureLabel) },
    series: [{ type: 'bar', label: { show: true, position: 'right' }, data: shown.map((k) => reportedValue(figures.get(k)) ?? 0) }],
  });
}

/** A figure's key from its parts (figure keys are data, named by section, group and value). */
const key = (...parts) => parts.join('.');

function charts(report) {
  const f = figuresOf(report);
  bar('chart-arp-systems', [...['IN_USE', 'TO_INTEGRATE', 'TO_CLEAN_UP', 'ZOMBIE'].map((s) => key('systems', 'status', s)),
    key('systems', 'deployment', 'GOV_CLOUD'), key('systems', 'network', 'EGOV_EXTRANET')], f);
  const sharing = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'].map((s) => key('catalogue', 'sharing', s)).filter((k) => f.has(k));
  drawChart('chart-arp-catalogue', {
    animation: false,
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: '60%', label: { formatter: '{b}: {c}' },
      data: sharing.map((k) => ({ name: figureLabel(k), value: reportedValue(f.get(k)) ?? 0 })) }],
  });
  bar('chart-arp-exchange', ['providedCalls', 'consumedCalls', 'providedRecords', 'consumedRecords'].map((n) => key('exchange', n)), f);
}

function section(s) {
  const n = s.narrative ?? {};
  return el('section', { class: 'report-section' },
    el('h2', { text: sectionLabel(s.key) }),
    el('table', { class: 'table table-compact' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('annualReport.column.figure') }),
        el('th', { scope: 'col', class: 'num', text: t('annualReport.column.reported') }),
        el('th', { scope: 'col', class: 'num', text: t('annualReport.column.measured') }),
        el('th', { scope: 'col', text: t('annualReport.column.reason') }))),
      el('tbody', {}, s.figures.map((f) => el('tr', { class: f.discrepancy ? 'row-alert' : null },
        el('th', { scope: 'row' }, figureLabel(f.key), asOfNote(f) ? el('div', { class: 'muted small as-of', text: asOfNote(f) }) : null),
        el('td', { class: 'num', text: value(reportedValue(f), f.unit) }),
        el('td', { class: 'num', text: f.corrected ? value(f.measured, f.unit) : '' }),
        el('td', { text: f.corrected ? `${f.reason}${f.discrepancy ? `（${t('annualReport.discrepancy')}）` : ''}` : '' }))))),
    ['achievements', 'problems', 'plan'].filter((k) => n[k]).map((k) => el('div', { class: 'narrative' },
      el('h3', { text: t(`annualReport.narrative.${k}`) }), el('p', { text: n[k] }))));
}

async function main() {
  const me = await initPage();
  if (!me) return;
  const p = queryParams();
  try {
    const orgs = await OrgDirectory.load();
    const report = await api.get(`/api/v1/annual-reports/${p.get('year')}/${p.get('organisation')}`, { version: p.get('version') || undefined });
    const name = orgs.name(report.organisationCode);
    document.title = `${name} ${report.year} · GovShare`;
    $('arp-title').textContent = t('annualReport.print.heading', { organisation: name, year: report.year });
    $('arp-status').textContent = t('annualReport.print.status', { status: t(`annualReport.status.${report.status}`), version: report.version,
      submittedAt: report.submittedAt ? fmt.dateTime(report.submittedAt) : '—' });
    const history = historyNote(report);
    $('arp-sections').replaceChildren(...(history ? [el('p', { id: 'arp-history-note', class: 'muted small', text: history })] : []),
      ...report.sections.map(section));
    $('arp-generated').textContent = t('annualReport.print.generated', { at: fmt.dateTime(new Date()) });
    $('arp-print').addEventListener('click', () => window.print());
    charts(report);
    markLoaded();
  } catch (error) {
    renderError($('arp-error'), error);
    markLoaded('error');
  }
}

main();
