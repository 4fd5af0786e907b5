// Ingest tokens for machine clients (the exchange platform, probes): issue one (its value is shown once,
// with a copy button), see every token with when it was last used, revoke one (it stops working at once
// and stays listed). Only the office sees this page.

import { cityInstant, cityIso } from './city-time.js';
import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import { el, badge, renderError, markLoaded, clearFormErrors, showFormErrors, markFieldError, focusFirstInvalid } from './dom.js';
import { OrgDirectory } from './registry.js';
import { oneTimeSecret, formField } from './admin.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, orgs: new OrgDirectory(), tokens: [] };

function status(token) {
  if (token.revokedAt) return { key: 'revoked', tone: 'neutral', title: fmt.dateTime(token.revokedAt) };
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return { key: 'expired', tone: 'warn', title: fmt.dateTime(token.expiresAt) };
  return { key: 'active', tone: 'ok', title: null };
}

function row(token) {
  const s = status(token);
  const statusBadge = badge(t(`tokens.status.${s.key}`), s.tone);
  if (s.title) statusBadge.title = s.title;
  return el('tr', { 'data-id': token.id, 'data-name': token.name, 'data-status': s.key },
    el('td', { class: 'strong', text: token.name }),
    el('td', { title: token.organisationCode ?? null, text: token.organisationCode ? state.orgs.name(token.organisationCode) : t('tokens.noOrganisation') }),
    el('td', { class: 'small' }, el('div', { text: token.createdBy }), el('div', { class: 'muted', text: fmt.dateTime(token.createdAt) })),
    el('td', { class: 'nowrap small', 'data-last-used': token.lastUsedAt ?? '', text: token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : t('tokens.neverUsed') }),
    el('td', { class: 'nowrap small', text: token.expiresAt ? fmt.dateTime(token.expiresAt) : t('tokens.noExpiry') }),
    el('td', {}, statusBadge),
    el('td', { class: 'row-actions' }, s.key === 'revoked' ? null : el('button', {
      type: 'button', class: 'btn btn-sm', 'data-action': 'revoke', text: t('tokens.action.revoke'), onclick: () => revoke(token),
    })));
}

function render() {
  const tbody = $('token-table').tBodies[0];
  tbody.replaceChildren(...(state.tokens.length ? state.tokens.map(row)
    : [el('tr', {}, el('td', { colspan: 7, class: 'empty', text: t('tokens.empty') }))]));
  const active = state.tokens.filter((x) => status(x).key === 'active').length;
  $('token-count').textContent = t('tokens.count', { count: fmt.number(state.tokens.length), active: fmt.number(active) });
}

async function load() {
  try {
    state.tokens = await api.get('/api/v1/tokens');
    $('token-error').replaceChildren();
    render();
    return true;
  } catch (error) {
    renderError($('token-error'), error);
    return false;
  }
}

async function revoke(token) {
  if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
  try {
    await api.delete(`/api/v1/tokens/${encodeURIComponent(token.id)}`);
    $('token-action-result').replaceChildren(el('div', { class: 'alert alert-ok', text: t('tokens.revoked', { name: token.name }) }));
    await load();
  } catch (error) {
    renderError($('token-action-result'), error);
  }
}

/** "2027-01-31" (a date input) -> the end of that day in the city, as ISO with the city's offset. */
function endOfDay(value) {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  return cityIso(new Date(cityInstant(y, m - 1, d + 1).getTime() - 1000));
}

function issueForm() {
  const errorBox = el('div', { class: 'form-errors' });
  const name = formField('name', 'tokens.col.name',
    el('input', { id: 'token-name', name: 'name', type: 'text', maxlength: 100, required: true, placeholder: t('tokens.namePlaceholder') }),
    { required: true });
  const orgSelect = el('select', { id: 'token-organisation', name: 'organisationCode' }, el('option', { value: '', text: t('tokens.noOrganisation') }));
  state.orgs.fillSelect(orgSelect, state.me);
  const organisation = formField('organisationCode', 'tokens.col.organisation', orgSelect, { hintKey: 'tokens.organisationHint' });
  const expires = formField('expiresAt', 'tokens.col.expiresAt', el('input', { id: 'token-expires', name: 'expiresAt', type: 'date' }),
    { hintKey: 'tokens.expiresHint' });
  const fields = [name, organisation, expires];
  const submit = el('button', { id: 'token-issue-submit', type: 'submit', class: 'btn btn-primary', text: t('tokens.issue.submit') });
  const form = el('form', { id: 'token-issue-form', class: 'form', novalidate: true },
    errorBox, fields.map((f) => f.node), el('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    $('token-secret').replaceChildren();
    const body = {
      name: name.input.value.trim(),
      organisationCode: organisation.input.value || null,
      expiresAt: endOfDay(expires.input.value),
    };
    if (!body.name) markFieldError(name, t('problem.required'));
    if (focusFirstInvalid(fields)) return;
    submit.disabled = true;
    try {
      const issued = await api.post('/api/v1/tokens', body);
      form.reset();
      $('token-secret').replaceChildren(oneTimeSecret({
        id: 'token-value',
        title: t('tokens.issued', { name: issued.name }),
        value: issued.token,
        note: t('tokens.tokenNote'),
      }));
      await load();
    } catch (error) {
      showFormErrors(errorBox, error, fields);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function main() {
  const me = await initPage();
  if (!me) return;
  state.me = me;
  state.orgs = await OrgDirectory.load();
  $('token-issue-slot').replaceChildren(issueForm());
  const ok = await load();
  markLoaded(ok ? 'true' : 'error');
}

main();
