// Small DOM helpers. Everything goes through textContent / attributes, never innerHTML,
// so API data cannot inject markup.

import { t, tEnum, hasMessage, fmt } from './i18n.js';

/**
 * Creates an element.
 *   el('td', { class: 'num', text: 42 })
 *   el('a', { href: '/x', 'data-i18n': 'nav.x' })
 *   el('button', { type: 'button', onclick: fn }, child1, 'text child')
 * Keys starting with "on" become event listeners; `text` sets textContent; `class` the class
 * list; false/null/undefined attribute values are skipped, true sets an empty attribute.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Status badge; tone is one of ok, warn, danger, info, neutral. */
export function badge(text, tone = 'neutral') {
  return el('span', { class: `badge badge-${tone}`, text });
}

/** A debounced version of fn (trailing call only). */
export function debounce(fn, ms = 300) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Summary lines for an ApiError (or any Error) in the reader's language: what went wrong, then why. A
 * problem with a known code is said from the bundles (problem.<code>.title, problem.<code>); otherwise a
 * generic line per HTTP status, and the server's English detail only as the banner's tooltip.
 */
export function problemLines(error) {
  const problem = error?.problem;
  if (!problem) return [t('error.unexpected')];
  if (problem.status === 0) return [t('error.network')];
  const { status } = problem;
  const key = problem.code ? `problem.${problem.code}` : null;
  if (key && hasMessage(key)) {
    const title = hasMessage(`${key}.title`) ? t(`${key}.title`)
      : hasMessage(`error.status.${status}`) ? t(`error.status.${status}`) : t('error.http', { status });
    const detail = t(key, problem.params ?? {});
    return detail && detail !== title ? [title, detail] : [title];
  }
  const title = hasMessage(`error.status.${status}`) ? t(`error.status.${status}`) : t('error.http', { status });
  const refused = error.errors?.length ?? 0;
  if (refused) return [title, t('error.fieldsRefused', { count: fmt.number(refused) })];
  return hasMessage(`error.statusDetail.${status}`) ? [title, t(`error.statusDetail.${status}`)] : [title];
}

/**
 * Renders an error banner into container (replacing its content).
 * Field errors are listed too unless `withFieldErrors` is false (forms show them inline).
 */
export function renderError(container, error, { withFieldErrors = true } = {}) {
  const lines = problemLines(error);
  const box = el('div', { class: 'alert alert-danger', role: 'alert', title: error?.problem?.detail || null },
    el('strong', { text: lines[0] }),
    lines.slice(1).map((line) => el('div', { text: line })));
  const errors = error?.errors ?? [];
  if (withFieldErrors && errors.length) {
    box.append(el('ul', {}, errors.map((e) => el('li', { text: fieldErrorText(e) }))));
  }
  container.replaceChildren(box);
  return box;
}

/** "contactPhone: must match …" for one entry of a problem's errors[]. */
export function fieldErrorText(e) {
  const label = tEnum('field', e.field);
  const reason = reasonText(e);
  return label && reason ? `${label}: ${reason}` : reason || label;
}

/** A refusal's reason in the reader's language when the API gave a known code, else its English text. */
export function reasonText(e) {
  if (e?.code && hasMessage(`problem.${e.code}`)) return t(`problem.${e.code}`, e.params ?? {});
  return e?.reason ?? '';
}

// ---- Forms ------------------------------------------------------------------------------
// A form field here is {name, input, message}: name as the API calls it, the input, and the element
// below it that holds its error (its id is what aria-describedby points to).

/** Shows text as field's error. */
export function markFieldError(field, text) {
  field.message.textContent = text;
  field.input.setAttribute('aria-invalid', 'true');
  field.input.setAttribute('aria-describedby', field.message.id);
}

/** Clears the summary in errorBox and every field's error. */
export function clearFormErrors(errorBox, fields) {
  errorBox.replaceChildren();
  for (const f of fields) {
    f.message.textContent = '';
    f.input.removeAttribute('aria-invalid');
    f.input.removeAttribute('aria-describedby');
  }
}

/** Focuses the first field with an error; true when there was one. */
export function focusFirstInvalid(fields) {
  const invalid = fields.find((f) => f.input.hasAttribute('aria-invalid'));
  invalid?.input.focus();
  return Boolean(invalid);
}

/**
 * A refused submission: each field error beside its input, the summary and errors about other fields
 * in errorBox; focus goes to the first offending input.
 */
export function showFormErrors(errorBox, error, fields) {
  const unmatched = [];
  for (const e of error?.errors ?? []) {
    const f = fields.find((x) => x.name === e.field);
    if (f) markFieldError(f, reasonText(e));
    else unmatched.push(e);
  }
  const box = renderError(errorBox, error, { withFieldErrors: false });
  if (unmatched.length) box.append(el('ul', {}, unmatched.map((e) => el('li', { text: fieldErrorText(e) }))));
  focusFirstInvalid(fields);
}

// ---- Figures ----------------------------------------------------------------------------

/** A figure card: label, value (text or node) and an optional note; tone "alert" highlights it. */
export function card({ label, value, note, tone, textual = false, attrs = {} }) {
  return el('article', { class: tone ? `card card-${tone}` : 'card', ...attrs },
    el('div', { class: 'card-label', text: label }),
    // Words (e.g. "内置数据库") get a smaller type than figures, so cards keep their height.
    el('div', { class: textual ? 'card-value card-value-text' : 'card-value' }, value),
    note ? el('div', { class: 'card-note' }, note) : null);
}

/** Marks <main> as rendered, the signal the browser tests (and screen readers) wait for. */
export function markLoaded(state = 'true') {
  const main = document.querySelector('main');
  if (main) {
    main.setAttribute('data-loaded', state);
    main.removeAttribute('aria-busy');
  }
}
