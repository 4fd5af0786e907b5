// Annual report editor ("年度报告填报"): the organisation's report for a year — measured figures by section
// with their evidence, corrections with reasons, narrative per section, submit (frozen) and new versions;
// the office may return a submitted version with comments. A department sees its own organisation only.
// Year and organisation are mirrored in the URL (?year=&organisation=).

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, badge, renderError, markLoaded } from './dom.js';
import { OrgDirectory, queryParams, writeQuery } from './registry.js';
import { asOfNote, fillYears, historyNote, figureLabel, sectionLabel, statusBadge, value } from './annual-report-common.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, orgs: null, report: null, windows: [] };

function notFound(error) {
  return error?.problem?.status === 404 || error?.status === 404;
}

async function load() {
  const year = $('ar-year').value;
  const org = $('ar-org').value;
  if (!year) {
    $('ar-window').textContent = t('annualReport.windowMissing');
    markLoaded();
    return;
  }
  writeQuery({ year, organisation: org });
  $('ar-error').replaceChildren();
  const w = state.windows.find((x) => String(x.year) === year);
  $('ar-window').textContent = w ? t('annualReport.window', { opensOn: fmt.day(w.opensOn), deadline: fmt.day(w.deadline), tolerance: w.tolerancePercent }) : t('annualReport.windowMissing');
  $('ar-print').hidden = true;
  let report = null;
  try {
    // the overview row says whether there is a report at all, so "none yet" is not asked for as a 404
    const overview = await api.get('/api/v1/annual-reports', { year });
    const row = overview.rows.find((r) => r.organisationCode === org);
    if (row?.version) report = await api.get(`/api/v1/annual-reports/${year}/${org}`);
  } catch (error) {
    if (!notFound(error)) {
      renderError($('ar-error'), error);
      markLoaded('error');
      return;
    }
  }
  state.report = report;
  render();
  markLoaded();
}

function canEdit(org) {
  return state.me.role === 'DEPARTMENT' && state.me.organisation?.code === org;
}

async function act(fn, message) {
  $('ar-error').replaceChildren();
  try {
    state.report = await fn();
    render();
    if (message) $('ar-head').prepend(el('div', { class: 'alert alert-ok', role: 'status', text: message }));
  } catch (error) {
    renderError($('ar-error'), error);
  }
}

function path() {
  return `/api/v1/annual-reports/${$('ar-year').value}/${$('ar-org').value}`;
}

function renderHead() {
  const r = state.report;
  const org = $('ar-org').value;
  const head = $('ar-head');
  const actions = el('div', { class: 'page-actions' });
  if (!r) {
    head.replaceChildren(el('p', { class: 'empty', text: t('annualReport.none') }), actions);
    if (canEdit(org)) {
      actions.append(el('button', { id: 'ar-start', type: 'button', class: 'btn btn-primary', text: t('annualReport.action.start'),
        onclick: () => act(() => api.post(`${path()}/draft`)) }));
    }
    return;
  }
  $('ar-print').hidden = false;
  $('ar-print').href = `/annual-report-print.html?year=${r.year}&organisation=${r.organisationCode}&version=${r.version}`;
  const meta = el('div', { class: 'report-meta' },
    el('strong', { text: `${state.orgs.name(r.organisationCode)} · ${t('annualReport.version', { version: r.version })} ` }),
    statusBadge(r.status), r.late ? badge(t('annualReport.late'), 'warn') : null,
    r.discrepancies ? badge(`${t('annualReport.discrepancy')} ${r.discrepancies}`, 'danger') : null,
    el('span', { class: 'muted small', text: ` ${t('annualReport.measuredAt', { at: fmt.dateTime(r.measuredAt) })}` }),
    r.submittedAt ? el('span', { class: 'muted small', text: ` · ${t('annualReport.column.submittedAt')} ${fmt.dateTime(r.submittedAt)}` }) : null);
  const parts = [meta];
  const history = historyNote(r);
  if (history) parts.push(el('p', { id: 'ar-history-note', class: 'muted small', text: history }));
  if (r.status === 'RETURNED' && r.returnComment) {
    parts.push(el('div', { class: 'alert alert-warn', role: 'alert', text: t('annualReport.returned', { comment: r.returnComment }) }));
  }
  if (r.editable) {
    actions.append(
      el('button', { id: 'ar-save', type: 'button', class: 'btn', text: t('annualReport.action.save'),
        onclick: () => act(() => api.put(`${path()}/draft`, collect()), t('annualReport.saved')) }),
      el('button', { id: 'ar-remeasure', type: 'button', class: 'btn', text: t('annualReport.action.remeasure'),
        onclick: () => act(() => api.post(`${path()}/draft/remeasure`)) }),
      el('button', { id: 'ar-submit', type: 'button', class: 'btn btn-primary', text: t('annualReport.action.submit'),
        onclick: () => {
          if (!window.confirm(t('annualReport.confirmSubmit'))) return;
          act(async () => { await api.put(`${path()}/draft`, collect()); return api.post(`${path()}/submit`); }, t('annualReport.submitted'));
        } }));
  } else {
    parts.push(el('p', { class: 'muted small', text: t('annualReport.readOnly') }));
    if (canEdit(org) && r.status !== 'DRAFT') {
      actions.append(el('button', { id: 'ar-new-version', type: 'button', class: 'btn btn-primary', text: t('annualReport.action.newVersion'),
        onclick: () => act(() => api.post(`${path()}/draft`)) }));
    }
    if (state.me.role === 'EGOV_ADMIN' && r.status === 'SUBMITTED') {
      const comment = el('input', { id: 'ar-return-comment', type: 'text', class: 'input-sm', placeholder: t('annualReport.returnPrompt'), 'aria-label': t('annualReport.returnPrompt') });
      actions.append(comment, el('button', { id: 'ar-return', type: 'button', class: 'btn', text: t('annualReport.action.return'),
        onclick: () => act(() => api.post(`${path()}/versions/${r.version}/return`, { comment: comment.value })) }));
    }
  }
  parts.push(actions);
  head.replaceChildren(...parts);
}

function evidenceLinks(e) {
  if (!e) return null;
  return el('span', { class: 'evidence' },
    e.page ? el('a', { href: e.page, text: t('annualReport.evidence') }) : null,
    e.api ? el('a', { href: e.api, class: 'muted small', text: ` ${t('annualReport.evidenceApi')}`, target: '_blank', rel: 'noopener' }) : null);
}

function figureRow(f, editable) {
  const note = asOfNote(f);
  const cells = [
    el('th', { scope: 'row' }, figureLabel(f.key), note ? el('div', { class: 'muted small as-of', text: note }) : null),
    el('td', { class: 'num', text: value(f.measured, f.unit) }),
  ];
  if (editable) {
    cells.push(
      el('td', {}, el('input', { type: 'number', step: 'any', min: '0', class: 'input-sm input-num', 'data-figure': f.key, 'data-role': 'value',
        value: f.reported ?? '', placeholder: t('annualReport.correctionPlaceholder'), 'aria-label': `${figureLabel(f.key)} ${t('annualReport.correctionPlaceholder')}` })),
      el('td', {}, el('input', { type: 'text', class: 'input-sm', 'data-figure': f.key, 'data-role': 'reason', value: f.reason ?? '',
        placeholder: t('annualReport.reasonPlaceholder'), 'aria-label': `${figureLabel(f.key)} ${t('annualReport.reasonPlaceholder')}` })));
  } else {
    cells.push(el('td', { class: 'num', text: f.corrected ? value(f.reported, f.unit) : '' }), el('td', { text: f.reason ?? '' }));
  }
  cells.push(el('td', {}, evidenceLinks(f.evidence), f.discrepancy ? badge(t('annualReport.discrepancy'), 'danger') : null));
  return el('tr', { class: f.discrepancy ? 'row-alert' : null, 'data-figure-row': f.key }, cells);
}

function narrativeBlock(section, editable) {
  const n = section.narrative ?? {};
  const fields = ['achievements', 'problems', 'plan'];
  return el('div', { class: 'narrative' }, fields.map((field) => {
    const id = `ar-n-${section.key}-${field}`;
    return el('div', { class: 'form-field' },
      el('label', { for: id, text: t(`annualReport.narrative.${field}`) }),
      editable
        ? el('textarea', { id, rows: 2, 'data-section': section.key, 'data-field': field, maxlength: 4000 }, n[field] ?? '')
        : el('p', { id, class: 'narrative-text', text: n[field] ?? '—' }));
  }));
}

function renderSections() {
  const r = state.report;
  const box = $('ar-sections');
  if (!r) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(...r.sections.map((s) => el('section', { class: 'panel', id: `ar-section-${s.key}` },
    el('div', { class: 'panel-head' }, el('h2', { text: sectionLabel(s.key) })),
    el('div', { class: 'table-wrap' }, el('table', { class: 'table table-compact' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('annualReport.column.figure') }),
        el('th', { scope: 'col', class: 'num', text: t('annualReport.column.measured') }),
        el('th', { scope: 'col', text: t('annualReport.column.reported') }),
        el('th', { scope: 'col', text: t('annualReport.column.reason') }),
        el('th', { scope: 'col', text: t('annualReport.column.evidence') }))),
      el('tbody', {}, s.figures.map((f) => figureRow(f, r.editable))))),
    narrativeBlock(s, r.editable))));
}

function renderHistory() {
  const r = state.report;
  const box = $('ar-history');
  if (!r) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const versions = el('ul', { class: 'plain-list' }, r.versions.map((v) => el('li', {},
    el('a', { href: '#', text: t('annualReport.version', { version: v.version }), onclick: (e) => {
      e.preventDefault();
      act(() => api.get(path(), { version: v.version }));
    } }), ' ', statusBadge(v.status), v.late ? badge(t('annualReport.late'), 'warn') : null,
    v.submittedAt ? el('span', { class: 'muted small', text: ` ${fmt.dateTime(v.submittedAt)}` }) : null,
    v.returnComment ? el('span', { class: 'muted small', text: ` ${t('annualReport.returned', { comment: v.returnComment })}` }) : null)));
  const diffs = r.version > 1
    ? (r.differences.length
      ? el('table', { id: 'ar-differences', class: 'table table-compact' },
        el('tbody', {}, r.differences.map((d) => el('tr', {},
          el('td', { text: t(`annualReport.difference.${d.kind}`) }),
          el('td', { text: d.kind === 'FIGURE' ? figureLabel(d.key) : `${sectionLabel(d.key.split('.')[0])} · ${t(`annualReport.narrative.${d.key.split('.')[1]}`)}` }),
          el('td', { class: 'num', text: d.before ?? '—' }), el('td', { text: '→' }), el('td', { class: 'num', text: d.after ?? '—' })))))
      : el('p', { class: 'muted', text: t('annualReport.noDifferences') }))
    : null;
  // replaceChildren would show a null as the text "null": only what there is
  box.replaceChildren(...[el('div', { class: 'panel-head' }, el('h2', { text: t('annualReport.versions') })), versions,
    diffs ? el('h3', { text: t('annualReport.differences') }) : null, diffs].filter(Boolean));
}

function render() {
  renderHead();
  renderSections();
  renderHistory();
}

/** The draft as the form holds it: narrative per section, corrections where a value was entered. */
function collect() {
  const narrative = {};
  document.querySelectorAll('textarea[data-section]').forEach((area) => {
    const n = narrative[area.dataset.section] ?? (narrative[area.dataset.section] = {});
    n[area.dataset.field] = area.value;
  });
  const corrections = {};
  document.querySelectorAll('input[data-role="value"]').forEach((input) => {
    const reason = document.querySelector(`input[data-role="reason"][data-figure="${CSS.escape(input.dataset.figure)}"]`)?.value ?? '';
    if (input.value !== '' || reason.trim() !== '') {
      corrections[input.dataset.figure] = { value: input.value === '' ? null : Number(input.value), reason };
    }
  });
  return { narrative, corrections };
}

async function renderReminders() {
  if (state.me.role !== 'DEPARTMENT') return;
  try {
    const reminders = await api.get('/api/v1/annual-reports/reminders');
    $('ar-reminders').replaceChildren(...reminders.slice(0, 3).map((r) => el('div', { class: `alert ${r.overdue ? 'alert-warn' : 'alert-info'}`, role: 'status',
      text: t(r.overdue ? 'annualReport.reminderOverdue' : 'annualReport.reminder', { date: fmt.day(r.remindedOn), year: r.year }) })));
  } catch (error) {
    console.warn('reminders unavailable', error);
  }
}

async function main() {
  const me = await initPage();
  if (!me) return;
  state.me = me;
  try {
    state.orgs = await OrgDirectory.load();
    const params = queryParams();
    state.windows = await fillYears($('ar-year'), params.get('year'));
    const orgSelect = $('ar-org');
    state.orgs.fillSelect(orgSelect, me);
    const wanted = params.get('organisation');
    if (wanted && [...orgSelect.options].some((o) => o.value === wanted)) orgSelect.value = wanted;
    $('ar-year').addEventListener('change', load);
    orgSelect.addEventListener('change', load);
    await renderReminders();
    await load();
  } catch (error) {
    renderError($('ar-error'), error);
    markLoaded('error');
  }
}

main();
