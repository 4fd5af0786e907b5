// The signed-in person's own account: who they are, and changing their password (the current one, then
// the new one twice). A password the office chose must be replaced here before the other pages open.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum } from './i18n.js';
import { el, markLoaded, clearFormErrors, showFormErrors, markFieldError, focusFirstInvalid } from './dom.js';
import { detailItem } from './registry.js';
import { formField } from './admin.js';

const $ = (id) => document.getElementById(id);

function passwordForm(me) {
  const errorBox = el('div', { class: 'form-errors' });
  const current = formField('currentPassword', 'account.field.current',
    el('input', { id: 'account-current', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true }),
    { required: true });
  const next = formField('newPassword', 'account.field.new',
    el('input', { id: 'account-new', name: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: 8, required: true }),
    { required: true, hintKey: 'account.newHint' });
  const repeat = formField('repeatPassword', 'account.field.repeat',
    el('input', { id: 'account-repeat', name: 'repeatPassword', type: 'password', autocomplete: 'new-password', required: true }),
    { required: true });
  const fields = [current, next, repeat];
  const submit = el('button', { id: 'account-submit', type: 'submit', class: 'btn btn-primary', text: t('account.submit') });
  const form = el('form', { id: 'account-password-form', class: 'form', novalidate: true },
    errorBox, fields.map((f) => f.node), el('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    $('account-result').replaceChildren();
    if (!current.input.value) markFieldError(current, t('problem.required'));
    if (next.input.value.length < 8) markFieldError(next, t('problem.minLength', { min: 8 }));
    if (next.input.value !== repeat.input.value) markFieldError(repeat, t('account.mismatch'));
    if (focusFirstInvalid(fields)) return;
    submit.disabled = true;
    try {
      await api.put('/api/v1/me/password', { currentPassword: current.input.value, newPassword: next.input.value });
      form.reset();
      $('account-required').hidden = true;
      $('account-result').replaceChildren(el('div', { class: 'alert alert-ok', 'data-outcome': 'changed' },
        el('span', { text: t('account.changed') }), ' ',
        me.passwordChangeRequired ? el('a', { href: '/', text: t('account.continue') }) : null));
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
  $('account-required').hidden = !me.passwordChangeRequired;
  $('account-who').replaceChildren(
    detailItem(t('users.col.username'), me.username, { mono: true }),
    detailItem(t('users.col.displayName'), me.displayName),
    detailItem(t('users.col.role'), tEnum('role', me.role)),
    detailItem(t('users.col.organisation'), me.organisation?.name ?? null));
  $('account-form-slot').replaceChildren(passwordForm(me));
  markLoaded();
}

main();
