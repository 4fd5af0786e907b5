// Finance board (经费资格): every request of a budget year with its verdict and reasons, filters, totals requested vs
// eligible vs decided, export; a request's verdict detail (rules fired and passed, evidence with links, the plan's
// sentence, exemptions, verdict history) and finance's funding decision.

import { api, buildUrl } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, renderError, markLoaded, clearFormErrors, showFormErrors, card, badge } from './dom.js';
import {
  yearSelect, money, table, verdictBadge, resultBadge, factLabel, factValue, factNote, causeText, changeText, present,
} from './funding-common.js';
import { OrgDirectory } from './registry.js';

const $ = (id) => document.getElementById(id);
const VERDICTS = ['ELIGIBLE', 'ELIGIBLE_BY_EXEMPTION', 'NOT_ELIGIBLE', 'NEEDS_REVIEW', 'NOT_APPLICABLE'];
const TYPES = ['NEW_BUILD', 'CONTINUATION', 'EXPANSION', 'OPERATION_MAINTENANCE', 'PURCHASED_SERVICE'];
const state = { me: null, year: null, filter: { verdict: '', type: '', rule: '', organisation: '' }, selected: null };

const select = (id, kind, values, value, onChange) => el('select', { id, onchange: (e) => onChange(e.target.value) },
  el('option', { value: '', text: t('filter.all') }),
  values.map((v) => el('option', { value: v, text: kind ? tEnum(`enum.${kind}`, v) : v, selected: v === value })));

function evidence(ev) {
  return el('ul', { class: 'evidence' }, Object.entries(ev ?? {}).map(([name, f]) => el('li', { 'data-fact': name },
    el('span', { text: factLabel(name), title: name }), t('eligibility.factIs'),
    el('strong', { text: factValue(name, f.value) }),
    f.note ? ` — ${factNote(f)}` : '', f.detail ? ` — ${f.detail}` : '', f.period ? ` （${t('eligibility.period')} ${f.period}）` : '',
    f.rows ? ` [${f.rows.slice(0, 5).join(', ')}${f.rows.length > 5 ? '…' : ''}]` : '',
    f.link ? el('a', { href: f.link, text: ` ${t('eligibility.evidenceLink')}` }) : null)));
}

async function decide(event, id) {
  event.preventDefault();
  const form = event.target;
  const fields = [...form.elements].filter((e) => e.name).map((input) => {
    let message = document.getElementById(`${input.id}-error`);
    if (!message) {
      message = el('small', { class: 'field-error', id: `${input.id}-error` });
      input.after(message);
    }
    return { name: input.name, input, message };
  });
  const box = $('decision-error');
  clearFormErrors(box, fields);
  const v = Object.fromEntries(fields.map((f) => [f.name, f.input.value]));
  try {
    await api.post(`/api/v1/eligibility/filings/${id}/decision`, {
      decision: v.decision, constructionAmount: v.constructionAmount === '' ? null : v.constructionAmount,
      omAmount: v.omAmount === '' ? null : v.omAmount, reason: v.reason,
    });
    await load();
  } catch (error) {
    showFormErrors(box, error, fields);
  }
}

async function grant(event, d) {
  event.preventDefault();
  const box = $('exemption-error');
  box.replaceChildren();
  try {
    await api.post('/api/v1/exemptions', { budgetYear: d.filing.budgetYear, ruleId: $('exemption-rule').value, filingId: d.filing.id,
      organisationCode: d.filing.organisationCode, reason: $('exemption-reason').value });
    await load();
  } catch (error) {
    renderError(box, error);
  }
}

/** The office revokes an exemption, with the reason; the verdicts it affected are recomputed (the history says so). */
async function revoke(event, e) {
  event.preventDefault();
  const box = $(`exemption-revoke-error-${e.id}`);
  box.replaceChildren();
  try {
    await api.post(`/api/v1/exemptions/${e.id}/revoke`, { reason: $(`exemption-revoke-reason-${e.id}`).value });
    await load();
  } catch (error) {
    renderError(box, error);
  }
}

function exemptionItem(e) {
  const revoked = e.revokedAt
    ? el('div', { class: 'muted', text: t('eligibility.revokedBy', { by: e.revokedBy, at: fmt.dateTime(e.revokedAt), reason: e.revokeReason ?? '' }) })
    : null;
  const form = !e.revokedAt && state.me.role === 'EGOV_ADMIN'
    ? el('form', { class: 'toolbar', 'data-exemption': e.id, novalidate: true, onsubmit: (x) => revoke(x, e) },
      el('label', { for: `exemption-revoke-reason-${e.id}`, text: t('eligibility.revokeReason') }),
      el('input', { id: `exemption-revoke-reason-${e.id}`, name: 'reason', maxlength: 500 }),
      el('button', { type: 'submit', class: 'btn btn-danger', id: `exemption-revoke-${e.id}`, text: t('eligibility.revoke') }),
      el('div', { id: `exemption-revoke-error-${e.id}` }))
    : null;
  return el('li', { 'data-exemption': e.id },
    el('span', { text: `${e.ruleId}${e.systemCode ? ' · ' + e.systemCode : ''} · ${e.reason} · ${e.grantedBy} ${fmt.dateTime(e.grantedAt)}` }),
    e.revokedAt ? [' ', badge(t('eligibility.revoked'), 'neutral')] : null, revoked, form);
}

/** The office grants an exemption from an "in principle" rule that fired on this request. */
function exemptionForm(d, outcomes) {
  const exemptible = new Set(d.rules.filter((r) => r.exemptionAllowed).map((r) => r.ruleId));
  const fired = [...new Set(outcomes.filter((o) => o.result === 'FIRED' && exemptible.has(o.ruleId)).map((o) => o.ruleId))];
  if (state.me.role !== 'EGOV_ADMIN' || !fired.length) return null;
  return el('form', { id: 'exemption-form', class: 'panel form-grid', novalidate: true, onsubmit: (e) => grant(e, d) },
    el('div', { id: 'exemption-error' }),
    el('label', { for: 'exemption-rule', text: t('eligibility.rule') }),
    el('select', { id: 'exemption-rule' }, fired.map((r) => el('option', { value: r, text: r }))),
    el('label', { for: 'exemption-reason', text: t('eligibility.reason') }),
    el('textarea', { id: 'exemption-reason' }),
    el('button', { type: 'submit', class: 'btn', id: 'exemption-grant', text: t('eligibility.grant') }));
}

async function showDetail(id) {
  const box = $('eligibility-detail');
  box.replaceChildren();
  if (!id) return;
  const d = await api.get(`/api/v1/eligibility/filings/${id}`);
  const v = d.verdict;
  const outcomes = v?.outcomes ?? [];
  box.append(...present(
    el('h2', {}, `${d.filing.name} `, v ? verdictBadge(v.verdict) : null),
    el('p', { class: 'muted', text: t('eligibility.computed', { at: fmt.dateTime(v?.computedAt), cause: causeText(v) }) }),
    el('h3', { text: t('eligibility.rules') }),
    el('ol', { class: 'rule-outcomes', id: 'rule-outcomes' }, outcomes.map((o) => el('li', { 'data-rule': o.ruleId, 'data-result': o.result },
      el('div', {}, el('strong', { text: o.ruleId }), o.systemCode ? el('span', { class: 'mono', text: ` ${o.systemCode} ` }) : ' ', resultBadge(o.result),
        ' ', o.summary),
      el('blockquote', { class: 'plan-quote', text: `“${o.planText}”` }),
      o.missing ? el('div', { class: 'notice notice-warn', text: t('eligibility.needsFacts', { facts: o.missing.map(factLabel).join(t('common.listSeparator')) }) }) : null,
      o.exemption ? el('div', { class: 'notice notice-info', text: t('eligibility.exemptedBy', { by: o.exemption.grantedBy,
        at: fmt.dateTime(o.exemption.grantedAt), reason: o.exemption.reason }) }) : null,
      o.result !== 'NOT_APPLICABLE' ? evidence(o.evidence) : null))),
    el('h3', { text: t('eligibility.exemptions') }),
    d.exemptions.length ? el('ul', { id: 'exemption-list' }, d.exemptions.map(exemptionItem))
      : el('p', { class: 'muted', text: t('eligibility.noExemptions') }),
    exemptionForm(d, outcomes),
    el('h3', { text: t('eligibility.decisions') }),
    d.decisions.length ? el('ul', { id: 'decision-list' }, d.decisions.map((x) => el('li', {}, tEnum('enum.fundingDecision', x.decision), ' ',
      money(x.constructionAmount), ' / ', money(x.omAmount), ' · ', x.decidedBy, ' ', fmt.dateTime(x.decidedAt),
      x.againstVerdict ? badge(t('eligibility.againstVerdict'), 'danger') : null, x.reason ? ` — ${x.reason}` : '')))
      : el('p', { class: 'muted', text: t('eligibility.noDecision') }),
    state.me.role === 'FINANCE' ? el('form', { id: 'decision-form', class: 'panel form-grid', novalidate: true, onsubmit: (e) => decide(e, id) },
      el('div', { id: 'decision-error' }),
      el('label', { for: 'decision-decision', text: t('eligibility.decision') }),
      el('select', { id: 'decision-decision', name: 'decision' }, ['FUNDED', 'PARTLY_FUNDED', 'NOT_FUNDED'].map((x) =>
        el('option', { value: x, text: tEnum('enum.fundingDecision', x) }))),
      el('label', { for: 'decision-construction', text: t('filing.field.construction') }),
      el('input', { id: 'decision-construction', name: 'constructionAmount', type: 'number', min: 0, step: '0.01' }),
      el('label', { for: 'decision-om', text: t('filing.field.om') }),
      el('input', { id: 'decision-om', name: 'omAmount', type: 'number', min: 0, step: '0.01' }),
      el('label', { for: 'decision-reason', text: t('eligibility.reason') }),
      el('textarea', { id: 'decision-reason', name: 'reason' }),
      el('button', { type: 'submit', class: 'btn btn-primary', id: 'decision-save', text: t('eligibility.record') })) : null,
    el('h3', { text: t('eligibility.history') }),
    table(['filing.history.at', 'eligibility.verdict', 'eligibility.cause', 'eligibility.changes'],
      d.history.map((h) => el('tr', {}, el('td', { text: fmt.dateTime(h.computedAt) }), el('td', {}, verdictBadge(h.verdict)),
        el('td', { text: causeText(h) }), el('td', { text: (h.changes ?? []).map(changeText).join(t('common.listSeparator')) }))), 'verdict-history')));
}

function orgSelect(value, onChange) {
  if (state.me.role === 'DEPARTMENT') return null;
  const select = el('select', { id: 'filter-organisation', onchange: (e) => onChange(e.target.value) },
    el('option', { value: '', text: t('filter.all') }));
  state.orgs.fillSelect(select, state.me);
  select.value = value ?? '';
  return [el('label', { for: 'filter-organisation', text: t('filing.field.organisation') }), select];
}

async function load() {
  const f = state.filter;
  const board = await api.get('/api/v1/eligibility', { year: state.year, verdict: f.verdict || null, type: f.type || null, rule: f.rule || null,
    organisation: f.organisation || null });
  const set = (key) => (value) => { state.filter[key] = value; load(); };
  const rows = board.items.map((i) => el('tr', { 'data-id': i.filingId, class: i.filingId === state.selected ? 'selected' : '',
    onclick: () => { state.selected = i.filingId; showDetail(i.filingId); } },
    el('td', { text: state.orgs.name(i.organisationCode) }), el('td', { text: i.name }), el('td', { text: tEnum('enum.projectType', i.projectType) }),
    el('td', { class: 'num', text: money(Number(i.constructionAmount) + Number(i.omAmount)) }), el('td', {}, verdictBadge(i.verdict)),
    el('td', { class: 'num', text: money(Number(i.eligibleConstruction) + Number(i.eligibleOm)) }),
    el('td', { class: 'rule-chips' }, i.fired.map((r) => badge(r, 'danger')), i.review.map((r) => badge(r, 'warn')),
      i.exempted.map((r) => badge(r, 'info'))),
    el('td', {}, i.decision ? tEnum('enum.fundingDecision', i.decision.decision) : '', i.decision?.againstVerdict ? badge(t('eligibility.againstVerdict'), 'danger') : null)));
  $('eligibility-content').replaceChildren(
    el('section', { class: 'cards', id: 'eligibility-totals' },
      card({ label: t('eligibility.total.requested'), value: money(board.totals.requested) }),
      card({ label: t('eligibility.total.eligible'), value: money(board.totals.eligible) }),
      card({ label: t('eligibility.total.decided'), value: money(board.totals.decided) }),
      card({ label: t('eligibility.total.count'), value: fmt.number(board.items.length) })),
    el('div', { class: 'toolbar' },
      orgSelect(f.organisation, set('organisation')),
      el('label', { for: 'filter-verdict', text: t('eligibility.verdict') }), select('filter-verdict', 'verdict', VERDICTS, f.verdict, set('verdict')),
      el('label', { for: 'filter-type', text: t('filing.field.type') }), select('filter-type', 'projectType', TYPES, f.type, set('type')),
      el('label', { for: 'filter-rule', text: t('eligibility.rule') }),
      select('filter-rule', null, ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11'], f.rule, set('rule')),
      el('a', { class: 'btn', id: 'export-xlsx', href: buildUrl('/api/v1/eligibility/export', { year: state.year, format: 'xlsx', verdict: f.verdict, type: f.type, rule: f.rule }), text: t('funding.export') }),
      el('a', { class: 'btn', href: buildUrl('/api/v1/eligibility/export', { year: state.year, format: 'csv', verdict: f.verdict, type: f.type, rule: f.rule }), text: 'CSV' })),
    el('p', { class: 'muted', id: 'rule-legend' }, t('eligibility.ruleLegend'), ' ', badge(t('eligibility.legend.fired'), 'danger'), ' ',
      badge(t('eligibility.legend.review'), 'warn'), ' ', badge(t('eligibility.legend.exempted'), 'info')),
    el('div', { class: 'split' },
      el('div', {}, table(['filing.field.organisation', 'filing.field.name', 'filing.field.type', 'eligibility.requested', 'eligibility.verdict',
        'eligibility.eligible', 'eligibility.rules', 'eligibility.decision'], rows, 'board-table')),
      el('aside', { id: 'eligibility-detail', class: 'panel detail detail-scroll' }, el('p', { class: 'muted', text: t('funding.pickRow') }))));
  if (state.selected) await showDetail(state.selected);
}

async function main() {
  state.me = await initPage();
  if (!state.me) return;
  state.orgs = await OrgDirectory.load();
  state.selected = Number(new URLSearchParams(window.location.search).get('filing')) || null;
  state.year = yearSelect($('eligibility-year'), (y) => { state.year = y; load(); });
  try {
    await load();
  } catch (error) {
    renderError($('eligibility-error'), error);
  }
  markLoaded();
}

main();
