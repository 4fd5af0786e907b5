// Small DOM helpers. Everything goes through textContent / attributes, never innerHTML,
// so API data cannot inject markup.

import { t, tEnum, hasMessage } from './i18n.js';

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
 * Human-readable lines for an ApiError (or any Error): title and detail, in the reader's language when
 * the problem has a known code (keys problem.<code>.title and problem.<code>), else as the API said them.
 */
export function problemLines(error) {
  const problem = error?.problem;
  if (!problem) return [t('error.unexpected')];
  if (problem.status === 0) return [t('error.network')];
  const lines = [];
  const key = problem.code ? `problem.${problem.code}` : null;
  const title = (key && hasMessage(`${key}.title`) ? t(`${key}.title`) : problem.title) || t('error.http', { status: problem.status });
  const detail = key && hasMessage(key) ? t(key, problem.params ?? {}) : problem.detail;
  lines.push(title);
  if (detail && detail !== title) lines.push(detail);
  return lines;
}

/**
 * Renders an error banner into container (replacing its content).
 * Field errors are listed too unless `withFieldErrors` is false (forms show them inline).
 */
export function renderError(container, error, { withFieldErrors = true } = {}) {
  const lines = problemLines(error);
  const box = el('div', { class: 'alert alert-danger', role: 'alert' },
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
  if (e?.code) {
    const key = `problem.${e.code}`;
    const text = t(key, e.params ?? {});
    if (text !== key) return text;
  }
  return e?.reason ?? '';
}

/** Marks <main> as rendered, the signal the browser tests (and screen readers) wait for. */
export function markLoaded(state = 'true') {
  const main = document.querySelector('main');
  if (main) {
    main.setAttribute('data-loaded', state);
    main.removeAttribute('aria-busy');
  }
}
