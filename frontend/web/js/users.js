// User administration for the e-government office: list every account, create one (role, organisation,
// password typed or generated and shown once), disable or enable it, reset its password (a generated one,
// shown once). The owner sets their own password at the next sign-in. Every change lands in the audit trail.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge, renderError, markLoaded, clearFormErrors, showFormErrors, markFieldError, focusFirstInvalid } from './dom.js';
import { OrgDirectory } from './registry.js';
import { oneTimeSecret, formField } from './admin.js';

const ROLES = ['DEPARTMENT', 'LEADER', 'FINANCE', 'AUDITOR', 'EGOV_ADMIN'];
const $ = (id) => document.getElementById(id);
const state = { me: null, orgs: new OrgDirectory(), users: [] };

function orgCell(code) {
  return el('td', { title: code, 'data-code': code, text: state.orgs.name(code) });
}

function statusCell(user) {
  return el('td', {}, el('span', { class: 'badge-list' },
    user.enabled ? badge(t('users.status.enabled'), 'ok') : badge(t('users.status.disabled'), 'neutral'),
    user.passwordChangeRequired ? badge(t('users.status.mustChange'), 'warn') : null));
}

function actionsCell(user) {
  const self = user.username === state.me.username;
  return el('td', { class: 'row-actions nowrap' },
    el('button', {
      type: 'button',
      class: 'btn btn-sm',
      'data-action': user.enabled ? 'disable' : 'enable',
      disabled: self, // the office cannot lock itself out from here
      title: self ? t('users.selfHint') : null,
      text: t(user.enabled ? 'users.action.disable' : 'users.action.enable'),
      onclick: () => setEnabled(user, !user.enabled),
    }),
    ' ',
    el('button', {
      type: 'button', class: 'btn btn-sm', 'data-action': 'reset', text: t('users.action.reset'), onclick: () => resetPassword(user),
    }));
}

function row(user) {
  return el('tr', { 'data-username': user.username, 'data-enabled': String(user.enabled) },
    el('td', { class: 'mono', text: user.username }),
    el('td', { text: user.displayName }),
    el('td', { class: 'nowrap', text: tEnum('role', user.role) }),
    orgCell(user.organisationCode),
    statusCell(user),
    el('td', { class: 'nowrap small', text: fmt.dateTime(user.updatedAt) }),
    actionsCell(user));
}

function render() {
  $('user-table').tBodies[0].replaceChildren(...state.users.map(row));
  $('user-count').textContent = t('users.count', { count: fmt.number(state.users.length) });
}

async function load() {
  try {
    state.users = await api.get('/api/v1/users');
    $('user-error').replaceChildren();
    render();
    return true;
  } catch (error) {
    renderError($('user-error'), error);
    return false;
  }
}

function done(key, params) {
  $('user-action-result').replaceChildren(el('div', { class: 'alert alert-ok', text: t(key, params) }));
}

async function setEnabled(user, enabled) {
  if (!enabled && !window.confirm(t('users.confirmDisable', { username: user.username }))) return;
  try {
    await api.put(`/api/v1/users/${encodeURIComponent(user.username)}/enabled`, { enabled });
    done(enabled ? 'users.enabledDone' : 'users.disabledDone', { username: user.username });
    await load();
  } catch (error) {
    renderError($('user-action-result'), error);
  }
}

async function resetPassword(user) {
  if (!window.confirm(t('users.confirmReset', { username: user.username }))) return;
  try {
    const result = await api.post(`/api/v1/users/${encodeURIComponent(user.username)}/password-reset`);
    $('user-action-result').replaceChildren(oneTimeSecret({
      id: 'user-reset-password',
      title: t('users.resetDone', { username: user.username }),
      value: result.password,
      note: t('users.passwordNote'),
    }));
    await load();
  } catch (error) {
    renderError($('user-action-result'), error);
  }
}

function createForm() {
  const errorBox = el('div', { class: 'form-errors' });
  const username = formField('username', 'users.col.username',
    el('input', { id: 'user-username', name: 'username', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 64, required: true }),
    { required: true, hintKey: 'users.usernameHint' });
  const displayName = formField('displayName', 'users.col.displayName',
    el('input', { id: 'user-display-name', name: 'displayName', type: 'text', maxlength: 100, required: true }), { required: true });
  const role = formField('role', 'users.col.role',
    el('select', { id: 'user-role', name: 'role' }, ROLES.map((r) => el('option', { value: r, text: tEnum('role', r) }))), { required: true });
  const orgSelect = el('select', { id: 'user-organisation', name: 'organisationCode' }, el('option', { value: '', text: t('users.chooseOrganisation') }));
  state.orgs.fillSelect(orgSelect, state.me);
  const organisation = formField('organisationCode', 'users.col.organisation', orgSelect, { required: true });
  const password = formField('password', 'users.field.password',
    el('input', { id: 'user-password', name: 'password', type: 'password', autocomplete: 'new-password', minlength: 8 }),
    { hintKey: 'users.passwordHint' });
  const fields = [username, displayName, role, organisation, password];
  const submit = el('button', { id: 'user-create-submit', type: 'submit', class: 'btn btn-primary', text: t('users.create.submit') });
  const form = el('form', { id: 'user-create-form', class: 'form', novalidate: true },
    errorBox, fields.map((f) => f.node), el('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    $('user-secret').replaceChildren();
    const body = {
      username: username.input.value.trim(),
      displayName: displayName.input.value.trim(),
      role: role.input.value,
      organisationCode: organisation.input.value || null,
      password: password.input.value || null,
    };
    if (!body.username) markFieldError(username, t('problem.required'));
    if (!body.displayName) markFieldError(displayName, t('problem.required'));
    if (!body.organisationCode) markFieldError(organisation, t('problem.required'));
    if (body.password && body.password.length < 8) markFieldError(password, t('problem.minLength', { min: 8 }));
    if (focusFirstInvalid(fields)) return;
    submit.disabled = true;
    try {
      const created = await api.post('/api/v1/users', body);
      form.reset();
      $('user-secret').replaceChildren(created.initialPassword
        ? oneTimeSecret({
          id: 'user-initial-password',
          title: t('users.createdWithPassword', { username: created.account.username }),
          value: created.initialPassword,
          note: t('users.passwordNote'),
        })
        : el('div', { class: 'alert alert-ok', role: 'status', text: t('users.created', { username: created.account.username }) }));
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
  $('user-create-slot').replaceChildren(createForm());
  const ok = await load();
  markLoaded(ok ? 'true' : 'error');
}

main();
