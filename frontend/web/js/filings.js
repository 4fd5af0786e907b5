// Project filing (全口径备案): departments file and edit their own requests (form with inline validation), the
// e-government office works through the review queue, everyone allowed sees a filing's full history.

import { api, buildUrl } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, renderError, markLoaded, clearFormErrors, showFormErrors, badge } from './dom.js';
import { yearSelect, money, table, verdictBadge } from './funding-common.js';
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

function formOf(f) {
  const org = f?.organisationCode ?? state.me.organisation?.code ?? '';
  const src = f?.fundingSources?.[0] ?? { source: '财政预算', construction: 0, om: 0 };
  return el('form', { id: 'filing-form', class: 'panel form-grid', novalidate: true },
    el('h2', { text: t(f ? 'filing.form.edit' : 'filing.form.new') }),
    el('div', { id: 'filing-form-error' }),
    field('organisationCode', 'filing.field.organisation', el('input', { value: org, readonly: state.me.role === 'DEPARTMENT' })),
    field('projectType', 'filing.field.type', el('select', {}, options('projectType', TYPES, f?.projectType ?? 'OPERATION_MAINTENANCE'))),
    field('name', 'filing.field.name', el('input', { value: f?.name ?? '', maxlength: 200 })),
    field('constructionAmount', 'filing.field.construction', el('input', { type: 'number', min: 0, step: '0.01', value: f?.constructionAmount ?? 0 })),
    field('omAmount', 'filing.field.om', el('input', { type: 'number', min: 0, step: '0.01', value: f?.omAmount ?? 0 })),
    field('fundingSource', 'filing.field.source', el('input', { value: src.source }), 'filing.hint.source'),
    field('systemCodes', 'filing.field.systems', el('input', { value: (f?.systemCodes ?? []).join(', ') }), 'filing.hint.codes'),
    field('plannedSystems', 'filing.field.planned', el('input', { value: (f?.plannedSystems ?? []).map((p) => p.name).join(', ') }), 'filing.hint.planned'),
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

async function save(event, existing) {
  event.preventDefault();
  const form = event.target;
  const fields = formFields(form);
  const errorBox = $('filing-form-error');
  clearFormErrors(errorBox, fields);
  const v = Object.fromEntries(fields.map((f) => [f.name, f.input.value]));
  const body = {
    organisationCode: v.organisationCode, budgetYear: state.year, projectType: v.projectType, name: v.name,
    constructionAmount: v.constructionAmount || 0, omAmount: v.omAmount || 0,
    fundingSources: [{ source: v.fundingSource, construction: v.constructionAmount || 0, om: v.omAmount || 0 }],
    systemCodes: list(v.systemCodes), plannedSystems: list(v.plannedSystems).map((name) => ({ name })),
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
    showFormErrors(errorBox, error, fields);
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
  const file = el('input', { type: 'file', id: 'attachment-file', onchange: (e) => upload(f, e.target, kind.value) });
  box.append(
    el('h2', {}, `${f.name} `, badge(tEnum('enum.filingStatus', f.status), STATUS_TONE[f.status]), f.late ? badge(t('filing.late'), 'warn') : null),
    verdict?.verdict ? el('p', {}, t('filing.verdict'), ' ', verdictBadge(verdict.verdict.verdict), ' ',
      el('a', { href: `/eligibility.html?year=${f.budgetYear}&filing=${f.id}`, text: t('filing.verdictLink') })) : null,
    f.missing?.length ? el('div', { class: 'notice notice-warn', id: 'filing-missing' }, t('filing.missing'), ' ',
      f.missing.map((m) => t(`filing.field.${m.split(':')[0]}`)).join(t('common.listSeparator'))) : null,
    actions(f),
    el('h3', { text: t('filing.attachments') }),
    table(['filing.attachment.name', 'filing.attachment.kind', 'filing.attachment.size', 'filing.attachment.sha256'],
      f.attachments.map((a) => el('tr', {}, el('td', {}, el('a', { href: `/api/v1/filings/${f.id}/attachments/${a.id}`, download: a.fileName, text: a.fileName })),
        el('td', { text: tEnum('enum.attachmentKind', a.kind) }), el('td', { text: fmt.number(a.sizeBytes) }), el('td', { class: 'mono', text: a.sha256.slice(0, 16) + '…' }))),
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
    editable ? formOf(f) : null);
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
    el('div', { class: 'split' },
      el('div', {}, table(['filing.field.id', 'filing.field.organisation', 'filing.field.name', 'filing.field.type', 'filing.field.construction',
        'filing.field.om', 'filing.field.status'], rows, 'filing-table')),
      el('aside', { id: 'filing-detail', class: 'panel detail detail-scroll' })));
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
