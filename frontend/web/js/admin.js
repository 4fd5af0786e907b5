// Shared pieces of the office's administration pages (users, ingest tokens) and the own-password page:
// a secret shown once with a copy button, and form fields that show the server's refusals inline.

import { t } from './i18n.js';
import { el } from './dom.js';

/** Copies text; falls back to selecting the input and the old copy command where the clipboard API is absent. */
async function copy(text, input) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * A secret (generated password, ingest token) shown once: the value in a read-only field, a copy button,
 * and the warning that it will not be shown again.
 */
export function oneTimeSecret({ id, title, value, note }) {
  const input = el('input', { id, type: 'text', class: 'mono secret-value', readonly: true, value, 'aria-label': title, spellcheck: 'false' });
  const status = el('span', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const button = el('button', {
    id: `${id}-copy`,
    type: 'button',
    class: 'btn btn-sm',
    text: t('admin.copy'),
    onclick: async () => {
      status.textContent = (await copy(value, input)) ? t('admin.copied') : t('admin.copyFailed');
    },
  });
  return el('div', { class: 'alert alert-warn one-time-secret', role: 'status', 'data-secret': id },
    el('strong', { text: title }),
    el('div', { class: 'secret-row' }, input, button, status),
    el('div', { class: 'small', text: note ?? t('admin.shownOnce') }));
}

/** A labelled form field {name, input, message, node}; the message holds its refusal. */
export function formField(name, labelKey, input, { required = false, hintKey = null } = {}) {
  const message = el('div', { class: 'field-error', id: `${input.id}-error` });
  const node = el('div', { class: 'form-field' },
    el('label', { for: input.id }, t(labelKey), required ? el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null),
    input,
    hintKey ? el('div', { class: 'field-hint', text: t(hintKey) }) : null,
    message);
  return { name, input, message, node };
}
