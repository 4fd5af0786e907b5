// Project filing (全口径备案): departments file and edit their own requests (form with inline validation), the
// e-government office works through the review queue, everyone allowed sees a filing's full history.

import { api, buildUrl } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, renderError, markLoaded, clearFormErrors, showFormErrors, reasonText, badge } from './dom.js';
import { yearSelect, money, table, verdictBadge, present } from './funding-common.js';
import { OrgDirectory } from './registry.js';

const $ = (id) => document.getElementById(id);
const TYPES = ['NEW_BUILD', 'CONTINUATION', 'EXPANSION', 'OPERATION_MAINTENANCE', 'PURCHASED_SERVICE'];
const DEPLOYMENTS = ['GOV_CLOUD', 'OWN_DATA_ROOM', 'OTHER'];
const NETWORKS = ['EGOV_EXTRANET', 'NEW_PRIVATE_NETWORK', 'EXISTING_PRIVATE_NETWORK', 'INTERNET', 'CLASSIFIED'];
const ROOM_WORK = ['NONE', 'BUILD', 'EXPAND'];
const STATUSES = ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED'];
/** The office's review queue: filed and not yet decided. */
const QUEUE = 'SUBMITTED,UNDER_REVIEW';
const STATUS_TONE = { DRAFT: 'neutral', SUBMITTED: 'info', UNDER_REVIEW: 'warn', APPROVED: 'ok', RETURNED: 'warn', REJECTED: 'danger' };

const state = { me: null, year: null, status: '', selected: null };

const options = (kind, values, selected, blank = false) =>
  [blank ? el('option', { value: '', text: t('filter.all') }) : null,
    ...values.map((v) => el('option', { value: v, text: tEnum(`enum.${kind}`, v), selected: v === selected }))];

function field(name, labelKey, control, hint) {
  control.name = name;
  control.id = `filing-${name}`;
  return el('div', { class: 'form-field' }, el('label', { for: control.id, text: t(labelKey) }), control,
    hint ? el('small', { class: 'muted', text: t(hint) }) : null,
    el('small', { class: 'field-error', id: `filing-${name}-error`, 'aria-live': 'polite' }));
}

/** The form's fields as the shared form helpers take them: name, input and the element saying its error. */
const formFields = (form) => [...form.elements].filter((e) => e.name)
  .map((input) => ({ name: input.name, input, message: document.getElementById(`${input.id}-error`) ?? el('small') }));

/** A number input of a row: the API's field path as its name, so a refusal lands beside it. */
const amountInput = (name, value) => el('input', { type: 'number', min: 0, step: '0.01', name, id: `filing-${name}`, value: value ?? 0,
  oninput: updateTotals });

/** One message element per row field, id'd as the form's fields are (filing-<name>-error). */
const errorSlot = (name) => el('small', { class: 'field-error', id: `filing-${name}-error`, 'aria-live': 'polite' });

function sourceRow(i, s) {
  const cell = (name, control) => el('td', {}, control, errorSlot(name));
  const source = `fundingSources[${i}].source`;
  return el('tr', { 'data-row': i },
    cell(source, el('input', { name: source, id: `filing-${source}`, value: s?.source ?? '', maxlength: 100,
      'aria-label': t('filing.rowField', { list: t('filing.field.fundingSources'), row: i + 1, field: t('filing.column.source') }) })),
    cell(`fundingSources[${i}].construction`, amountInput(`fundingSources[${i}].construction`, s?.construction)),
    cell(`fundingSources[${i}].om`, amountInput(`fundingSources[${i}].om`, s?.om)),
    el('td', {}, el('button', { type: 'button', class: 'btn btn-sm', 'data-remove': 'source', text: t('filing.removeRow'),
      onclick: (e) => { e.target.closest('tr').remove(); renumber('funding-sources', 'fundingSources'); updateTotals(); } })));
}

function plannedRow(i, p) {
  const name = `plannedSystems[${i}].name`;
  const purpose = `plannedSystems[${i}].purpose`;
  return el('tr', { 'data-row': i },
    el('td', {}, el('input', { name, id: `filing-${name}`, value: p?.name ?? '', maxlength: 200,
      'aria-label': t('filing.rowField', { list: t('filing.field.plannedSystems'), row: i + 1, field: t('filing.column.name') }) }), errorSlot(name)),
    el('td', {}, el('input', { name: purpose, id: `filing-${purpose}`, value: p?.purpose ?? '', maxlength: 500,
      'aria-label': t('filing.rowField', { list: t('filing.field.plannedSystems'), row: i + 1, field: t('filing.column.purpose') }) }), errorSlot(purpose)),
    el('td', {}, el('button', { type: 'button', class: 'btn btn-sm', 'data-remove': 'planned', text: t('filing.removeRow'),
      onclick: (e) => { e.target.closest('tr').remove(); renumber('planned-systems', 'plannedSystems'); } })));
}

/** After a row is removed, rows are numbered again so that field paths (and refusals) follow what is shown. */
function renumber(tbodyId, list) {
  [...$(tbodyId).children].forEach((tr, i) => {
    tr.dataset.row = i;
    tr.querySelectorAll('[name]').forEach((input) => {
      const name = input.name.replace(new RegExp(`^${list}\\[\\d+\\]`), `${list}[${i}]`);
      input.name = name;
      input.id = `filing-${name}`;
      const slot = input.parentElement.querySelector('.field-error');
      if (slot) slot.id = `filing-${name}-error`;
    });
  });
}

/** The request's construction and O&M amounts are the sums of its funding sources' rows. */
function updateTotals() {
  const sum = (part) => [...document.querySelectorAll(`#funding-sources input[name$=".${part}"]`)]
    .reduce((a, input) => a + (Number(input.value) || 0), 0);
  const c = $('filing-constructionAmount');
  const o = $('filing-omAmount');
  if (c) c.value = sum('construction').toFixed(2);
  if (o) o.value = sum('om').toFixed(2);
}

function rowsSection(id, labelKey, hintKey, headings, rows, addKey, addRow) {
  const body = el('tbody', { id }, rows);
  return el('fieldset', { class: 'form-field form-rows', id: `${id}-set` },
    el('legend', { text: t(labelKey) }), hintKey ? el('small', { class: 'muted', text: t(hintKey) }) : null,
    el('table', { class: 'table table-compact' }, el('thead', {}, el('tr', {}, headings.map((h) => el('th', { text: t(h) })), el('th', {}))), body),
    el('button', { type: 'button', class: 'btn btn-sm', id: `${id}-add`, text: t(addKey), onclick: () => body.append(addRow(body.children.length, null)) }));
}

/**
 * The systems involved that exist: a picker over the department's registered systems (search by name or code);
 * planned ones are described in their own rows.
 */
function systemPicker(f, org) {
  const chosen = new Set(f?.systemCodes ?? []);
  const search = el('input', { type: 'search', id: 'filing-system-search', placeholder: t('filing.systemSearch'), 'aria-label': t('filing.systemSearch') });
  const list = el('div', { class: 'system-pick-list', id: 'filing-system-list', role: 'group', 'aria-label': t('filing.field.systemCodes') });
  const summary = el('div', { class: 'muted', id: 'filing-system-chosen' });
  let systems = [];
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const shown = systems.filter((s) => chosen.has(s.code) || !q || s.name.toLowerCase().includes(q) || s.code.toLowerCase().includes(q));
    list.replaceChildren(...shown.map((s) => el('label', { class: 'system-pick', 'data-code': s.code },
      el('input', { type: 'checkbox', value: s.code, checked: chosen.has(s.code), 'data-system': s.code,
        onchange: (e) => { if (e.target.checked) chosen.add(s.code); else chosen.delete(s.code); summarise(); } }),
      ` ${s.name} `, el('span', { class: 'mono muted', text: s.code }))));
    if (!shown.length) list.append(el('p', { class: 'muted', text: t(systems.length ? 'filing.systemNoMatch' : 'filing.systemNone') }));
  };
  const summarise = () => { summary.textContent = t('filing.systemChosen', { count: chosen.size }); };
  search.addEventListener('input', render);
  const loadSystems = async (code) => {
    systems = [];
    if (code) {
      try {
        const page = await api.get('/api/v1/systems', { organisation: code, size: 1000, sort: 'name,asc' });
        systems = page.items ?? [];
      } catch {
        systems = [];
      }
    }
    // a code kept from an earlier edit that is no longer in the inventory still shows, so it can be removed
    [...chosen].filter((c) => !systems.some((s) => s.code === c)).forEach((c) => systems.push({ code: c, name: t('filing.systemUnknown') }));
    render();
    summarise();
  };
  loadSystems(org);
  const holder = el('input', { type: 'hidden', name: 'systemCodes', id: 'filing-systemCodes' });
  return {
    element: el('fieldset', { class: 'form-field form-rows', id: 'filing-systems-set' },
      el('legend', { text: t('filing.field.systemCodes') }), el('small', { class: 'muted', text: t('filing.hint.systems') }),
      search, list, summary, holder, errorSlot('systemCodes')),
    codes: () => [...chosen],
    reload: loadSystems,
  };
}

let picker = null;

function formOf(f) {
  const org = f?.organisationCode ?? state.me.organisation?.code ?? '';
  const sources = f?.fundingSources?.length ? f.fundingSources : [{ source: '', construction: 0, om: 0 }];
  picker = systemPicker(f, org);
  const orgInput = el('input', { value: org, readonly: state.me.role === 'DEPARTMENT', onchange: (e) => picker.reload(e.target.value.trim()) });
  return el('form', { id: 'filing-form', class: 'panel form-grid', novalidate: true },
    el('h2', { text: t(f ? 'filing.form.edit' : 'filing.form.new') }),
    el('div', { id: 'filing-form-error' }),
    field('organisationCode', 'filing.field.organisation', orgInput),
    field('projectType', 'filing.field.type', el('select', {}, options('projectType', TYPES, f?.projectType ?? 'OPERATION_MAINTENANCE'))),
    field('name', 'filing.field.name', el('input', { value: f?.name ?? '', maxlength: 200 })),
    rowsSection('funding-sources', 'filing.field.fundingSources', 'filing.hint.source',
      ['filing.column.source', 'filing.field.construction', 'filing.field.om'], sources.map((s, i) => sourceRow(i, s)), 'filing.addSource', sourceRow),
    field('constructionAmount', 'filing.field.constructionTotal', el('input', { type: 'number', readonly: true, value: f?.constructionAmount ?? 0 })),
    field('omAmount', 'filing.field.omTotal', el('input', { type: 'number', readonly: true, value: f?.omAmount ?? 0 })),
    picker.element,
    rowsSection('planned-systems', 'filing.field.plannedSystems', 'filing.hint.planned', ['filing.column.name', 'filing.column.purpose'],
      (f?.plannedSystems ?? []).map((p, i) => plannedRow(i, p)), 'filing.addPlanned', plannedRow),
    field('deployment', 'filing.field.deployment', el('select', {}, options('filingDeployment', DEPLOYMENTS, f?.deployment ?? 'GOV_CLOUD'))),
    field('deploymentJustification', 'filing.field.deploymentJustification', el('textarea', { text: f?.deploymentJustification ?? '' })),
    field('network', 'filing.field.network', el('select', {}, options('filingNetwork', NETWORKS, f?.network ?? 'EGOV_EXTRANET'))),
    field('networkJustification', 'filing.field.networkJustification', el('textarea', { text: f?.networkJustification ?? '' })),
    field('dataRoomWork', 'filing.field.dataRoom', el('select', {}, options('dataRoomWork', ROOM_WORK, f?.dataRoomWork ?? 'NONE'))),
    field('ownExchangePlatform', 'filing.field.ownPlatform', el('select', {},
      el('option', { value: 'false', text: t('common.no') }), el('option', { value: 'true', text: t('common.yes'), selected: f?.ownExchangePlatform }))),
    field('providedResources', 'filing.field.provided', el('input', { value: (f?.providedResources ?? []).join(', ') }), 'filing.hint.codes'),
    field('consumedResources', 'filing.field.consumed', el('input', { value: (f?.consumedResources ?? []).join(', ') }), 'filing.hint.codes'),
    field('connectionPlan', 'filing.field.connectionPlan', el('textarea', { text: f?.connectionPlan ?? '' })),
    field('protectionLevel', 'filing.field.protectionLevel', el('input', { type: 'number', min: 1, max: 5, value: f?.protectionLevel ?? '' })),
    field('performanceTargets', 'filing.field.targets', el('textarea', { text: f?.performanceTargets ?? '' })),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', id: 'filing-save', text: t('filing.save') })));
}

const list = (v) => v.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);

/** "资金来源 第 2 行 · 建设经费" for a refusal of a row's field ("fundingSources[1].construction"), else the field's own label. */
function rowLabel(path) {
  const m = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(path ?? '');
  if (!m) return null;
  return t('filing.rowField', { list: t(`filing.field.${m[1]}`), row: Number(m[2]) + 1, field: m[3] ? t(`filing.column.${m[3]}`) : '' });
}

/** Refusals shown beside their fields; a row's refusal says which list, row and column, there and in the summary. */
function showErrors(box, error, fields) {
  const rows = (error?.errors ?? []).filter((e) => rowLabel(e.field));
  showFormErrors(box, error, fields);
  for (const e of rows) {
    const label = rowLabel(e.field);
    const slot = document.getElementById(`filing-${e.field}-error`) ?? $('filing-systemCodes-error');
    const text = `${label}${t('eligibility.factIs')}${reasonText(e)}${e.value && String(e.field).startsWith('systemCodes') ? ` (${e.value})` : ''}`;
    if (slot) slot.textContent = slot.textContent && slot.textContent !== reasonText(e) ? `${slot.textContent}；${text}` : text;
    const item = [...box.querySelectorAll('li')].find((li) => li.textContent.includes(e.field));
    if (item) item.textContent = text;
  }
}

async function save(event, existing) {
  event.preventDefault();
  const form = event.target;
  updateTotals();
  const fields = formFields(form);
  const errorBox = $('filing-form-error');
  clearFormErrors(errorBox, fields);
  const v = Object.fromEntries(fields.map((f) => [f.name, f.input.value]));
  const rowsOf = (tbodyId, columns) => [...$(tbodyId).children].map((tr) => Object.fromEntries(columns.map(([key, number]) => {
    const value = tr.querySelector(`[name$=".${key}"]`)?.value ?? '';
    return [key, number ? (value === '' ? 0 : value) : value.trim()];
  })));
  const body = {
    organisationCode: v.organisationCode, budgetYear: state.year, projectType: v.projectType, name: v.name,
    constructionAmount: v.constructionAmount || 0, omAmount: v.omAmount || 0,
    fundingSources: rowsOf('funding-sources', [['source', false], ['construction', true], ['om', true]]),
    systemCodes: picker ? picker.codes() : [],
    plannedSystems: rowsOf('planned-systems', [['name', false], ['purpose', false]]).map((p) => ({ name: p.name, purpose: p.purpose || null })),
    deployment: v.deployment, deploymentJustification: v.deploymentJustification, network: v.network,
    networkJustification: v.networkJustification, dataRoomWork: v.dataRoomWork, ownExchangePlatform: v.ownExchangePlatform === 'true',
    providedResources: list(v.providedResources), consumedResources: list(v.consumedResources), connectionPlan: v.connectionPlan,
    protectionLevel: v.protectionLevel ? Number(v.protectionLevel) : null, performanceTargets: v.performanceTargets,
    version: existing?.version,
  };
  try {
    const saved = existing ? await api.put(`/api/v1/filings/${existing.id}`, body) : await api.post('/api/v1/filings', body);
    state.selected = saved.id;
    await load();
  } catch (error) {
    showErrors(errorBox, error, fields);
  }
}

async function step(f, action) {
  const box = $('filing-step-error');
  const comment = $('filing-comment')?.value ?? '';
  try {
    await api.post(`/api/v1/filings/${f.id}/transitions`, { action, comment });
    await load();
  } catch (error) {
    renderError(box, error);
  }
}

async function upload(f, input, kind) {
  const data = new FormData();
  data.append('file', input.files[0]);
  try {
    await api.upload(`/api/v1/filings/${f.id}/attachments`, data, { kind });
    await load();
  } catch (error) {
    renderError($('filing-step-error'), error);
  }
}

function actions(f) {
  const role = state.me.role;
  const mine = role === 'DEPARTMENT' || role === 'EGOV_ADMIN';
  const buttons = [];
  const add = (action) => buttons.push(el('button', { type: 'button', class: 'btn', 'data-action': action, text: t(`filing.action.${action}`),
    onclick: () => step(f, action) }));
  if (mine && ['DRAFT', 'RETURNED'].includes(f.status)) add('SUBMIT');
  if (role === 'EGOV_ADMIN' && f.status === 'SUBMITTED') add('START_REVIEW');
  if (role === 'EGOV_ADMIN' && f.status === 'UNDER_REVIEW') ['APPROVE', 'RETURN', 'REJECT'].forEach(add);
  if (!buttons.length) return null;
  return el('div', { class: 'panel' },
    el('label', { for: 'filing-comment', text: t('filing.comment') }), el('textarea', { id: 'filing-comment' }),
    el('div', { class: 'form-actions' }, buttons), el('div', { id: 'filing-step-error' }));
}

async function showDetail(id) {
  const box = $('filing-detail');
  box.replaceChildren();
  if (!id) return;
  const [history, verdict] = await Promise.all([api.get(`/api/v1/filings/${id}/history`),
    api.get(`/api/v1/eligibility/filings/${id}`).catch(() => null)]);
  const f = history.filing;
  const editable = ['DRAFT', 'RETURNED'].includes(f.status) && ['DEPARTMENT', 'EGOV_ADMIN'].includes(state.me.role);
  const kind = el('select', { id: 'attachment-kind' }, options('attachmentKind', ['FEASIBILITY_STUDY', 'APPROVAL', 'OTHER'], 'FEASIBILITY_STUDY'));
  // the browser's own file button would speak the browser's language: a labelled button of ours opens it
  const file = [el('input', { type: 'file', id: 'attachment-file', class: 'visually-hidden', onchange: (e) => upload(f, e.target, kind.value) }),
    el('label', { for: 'attachment-file', class: 'btn', id: 'attachment-choose', text: t('filing.attachmentChoose') })];
  box.append(...present(
    el('h2', {}, `${f.name} `, badge(tEnum('enum.filingStatus', f.status), STATUS_TONE[f.status]), f.late ? badge(t('filing.late'), 'warn') : null),
    verdict?.verdict ? el('p', {}, t('filing.verdict'), ' ', verdictBadge(verdict.verdict.verdict), ' ',
      el('a', { href: `/eligibility.html?year=${f.budgetYear}&filing=${f.id}`, text: t('filing.verdictLink') })) : null,
    f.missing?.length ? el('div', { class: 'notice notice-warn', id: 'filing-missing' }, t('filing.missing'), ' ',
      f.missing.map((m) => t(`filing.field.${m.split(':')[0]}`)).join(t('common.listSeparator'))) : null,
    actions(f),
    el('h3', { text: t('filing.attachments') }),
    table(['filing.attachment.name', 'filing.attachment.kind', 'filing.attachment.size', 'filing.attachment.sha256'],
      f.attachments.map((a) => el('tr', {}, el('td', { class: 'attachment-name' }, el('a', { href: `/api/v1/filings/${f.id}/attachments/${a.id}`, download: a.fileName, text: a.fileName })),
        el('td', { class: 'nowrap', text: tEnum('enum.attachmentKind', a.kind) }), el('td', { class: 'num', text: fmt.number(a.sizeBytes) }),
        el('td', { class: 'mono', title: a.sha256, text: a.sha256.slice(0, 10) + '…' }))),
      'attachment-table'),
    editable ? el('div', { class: 'toolbar' }, kind, file) : null,
    el('h3', { text: t('filing.history') }),
    table(['filing.history.at', 'filing.history.step', 'filing.history.actor', 'filing.comment'],
      history.transitions.map((s) => el('tr', {}, el('td', { text: fmt.dateTime(s.at) }),
        el('td', { text: `${s.from ? tEnum('enum.filingStatus', s.from) + ' → ' : ''}${tEnum('enum.filingStatus', s.to)}` }),
        el('td', { text: s.actor }), el('td', { text: s.comment ?? '' }))), 'filing-history'),
    el('h3', { text: t('filing.changes') }),
    table(['filing.history.at', 'filing.history.actor', 'filing.history.change'],
      (history.changes ?? []).map((c) => el('tr', {}, el('td', { text: fmt.dateTime(c.occurredAt) }), el('td', { text: c.actor }),
        el('td', { text: tEnum('audit.action', c.action) }))), 'filing-changes'),
    editable ? formOf(f) : null));
  $('filing-form')?.addEventListener('submit', (e) => save(e, f));
}

async function load() {
  const content = $('filings-content');
  const params = { year: state.year, status: state.status || null };
  const items = await api.get('/api/v1/filings', params);
  const statusFilter = el('select', { id: 'filing-status-filter', onchange: (e) => { state.status = e.target.value; load(); } },
    options('filingStatus', STATUSES, state.status, true));
  statusFilter.insertBefore(el('option', { value: QUEUE, text: t('filing.queue'), selected: state.status === QUEUE }), statusFilter.children[1]);
  const rows = items.map((f) => el('tr', { class: f.id === state.selected ? 'selected' : '', 'data-id': f.id, onclick: () => { state.selected = f.id; showDetail(f.id); } },
    el('td', { text: f.id }), el('td', { text: state.orgs.name(f.organisationCode) }), el('td', { text: f.name }), el('td', { text: tEnum('enum.projectType', f.projectType) }),
    el('td', { class: 'num', text: money(f.constructionAmount) }), el('td', { class: 'num', text: money(f.omAmount) }),
    el('td', {}, badge(tEnum('enum.filingStatus', f.status), STATUS_TONE[f.status]), f.late ? badge(t('filing.late'), 'warn') : null)));
  const canFile = ['DEPARTMENT', 'EGOV_ADMIN'].includes(state.me.role);
  content.replaceChildren(
    el('div', { class: 'toolbar' }, el('label', { for: 'filing-status-filter', text: t('filing.field.status') }), statusFilter,
      el('span', { class: 'muted', id: 'filing-count', text: t('filing.count', { count: items.length }) }),
      canFile ? el('button', { type: 'button', class: 'btn btn-primary', id: 'filing-new', text: t('filing.form.new'),
        onclick: () => { state.selected = null; const d = $('filing-detail'); d.replaceChildren(formOf(null)); $('filing-form').addEventListener('submit', (e) => save(e, null)); } }) : null,
      el('a', { class: 'btn', href: buildUrl('/api/v1/eligibility/export', { year: state.year, format: 'xlsx' }), text: t('funding.export') })),
    el('div', { class: 'split split-filing' },
      el('div', {}, table(['filing.field.id', 'filing.field.organisation', 'filing.field.name', 'filing.field.type', 'filing.field.construction',
        'filing.field.om', 'filing.field.status'], rows, 'filing-table')),
      el('aside', { id: 'filing-detail', class: 'panel detail detail-scroll' }, el('p', { class: 'muted', text: t('funding.pickRow') }))));
  if (state.selected) await showDetail(state.selected);
}

async function main() {
  state.me = await initPage();
  if (!state.me) return;
  state.orgs = await OrgDirectory.load();
  state.selected = Number(new URLSearchParams(window.location.search).get('id')) || null;
  if (state.me.role === 'EGOV_ADMIN' && !new URLSearchParams(window.location.search).get('id')) state.status = QUEUE;
  state.year = yearSelect($('filings-year'), (y) => { state.year = y; load(); });
  try {
    await load();
  } catch (error) {
    renderError($('filings-error'), error);
  }
  markLoaded();
}

main();
