// Message bundles and locale-aware formatting.
//
// The language lives in localStorage (govshare.lang); Simplified Chinese is the default.
// Markup is translated declaratively:
//   data-i18n="key"              -> textContent
//   data-i18n-placeholder="key"  -> placeholder attribute
//   data-i18n-title="key"        -> title attribute
//   data-i18n-aria-label="key"   -> aria-label attribute
// Scripts call t(key, {name: value}) for "{name}" interpolation.
// Dates and times are shown on the city's clock (city-time.js).

import { CITY_TIME_ZONE, cityInstant } from './city-time.js';

export const LANGUAGES = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE = 'zh-CN';
const STORAGE_KEY = 'govshare.lang';

let messages = {};
let currentLanguage = DEFAULT_LANGUAGE;

/** The stored language if it is a supported one, else the default. */
export function getLanguage() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy mode); fall back to the default.
  }
  return LANGUAGES.includes(stored) ? stored : DEFAULT_LANGUAGE;
}

/** Stores the language and reloads, so every module renders afresh in it. */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    return;
  }
  window.location.reload();
}

async function loadBundle(lang) {
  const response = await fetch(`/i18n/${lang}.json`, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`message bundle ${lang}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Loads the bundle for the current language, sets <html lang> and translates the document.
 * Resolves with the language in use. If the bundle cannot be loaded, keys are shown as-is.
 */
export async function initI18n() {
  currentLanguage = getLanguage();
  document.documentElement.lang = currentLanguage;
  try {
    messages = await loadBundle(currentLanguage);
  } catch (error) {
    console.warn(error);
    messages = {};
  }
  translate(document);
  return currentLanguage;
}

/** Whether the bundle has a message for key. */
export function hasMessage(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/** Message for key with {name} placeholders filled from params; the key itself if missing. */
export function t(key, params) {
  const message = hasMessage(key) ? messages[key] : key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(params, name) && params[name] !== null && params[name] !== undefined
      ? String(params[name])
      : match,
  );
}

/**
 * A reason stored with a record (quarantine, zombie candidate, collector run) in the reader's language:
 * item.reasonCode with item.reasonParams says it under the key reason.<code>; the API's English
 * item.reason is the fallback. For a run's failure: storedReason(run, 'error').
 */
export function storedReason(item, field = 'reason') {
  const code = item?.[`${field}Code`];
  if (code && hasMessage(`reason.${code}`)) return t(`reason.${code}`, item[`${field}Params`] ?? {});
  return item?.[field] ?? '';
}

/** Translation of an enum value, e.g. tEnum('org.type', 'CITY'); the raw value if unknown. */
export function tEnum(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? messages[key] : String(value);
}

const ATTRIBUTE_BINDINGS = [
  ['data-i18n-placeholder', 'placeholder'],
  ['data-i18n-title', 'title'],
  ['data-i18n-aria-label', 'aria-label'],
];

/** Applies the data-i18n* attributes below root (the element itself included). */
export function translate(root = document) {
  const all = (selector) => {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.unshift(root);
    return found;
  };
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.getAttribute('data-i18n'));
  }
  for (const [dataAttr, target] of ATTRIBUTE_BINDINGS) {
    for (const el of all(`[${dataAttr}]`)) {
      el.setAttribute(target, t(el.getAttribute(dataAttr)));
    }
  }
}

// ---- Formatting -------------------------------------------------------------------------

const formatters = new Map();
function cached(kind, options, factory) {
  const key = `${currentLanguage}|${kind}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, factory(currentLanguage, options));
  return formatters.get(key);
}

function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const fmt = {
  /** Integer or decimal with the language's grouping; '' for null. */
  number(value, options = {}) {
    if (value === null || value === undefined || value === '') return '';
    return cached('n', options, (l, o) => new Intl.NumberFormat(l, o)).format(Number(value));
  },
  /** Date and time on the city's clock (whatever the browser's zone), e.g. 2026/11/29 18:00:00 or Nov 29, 2026, 6:00:00 PM. */
  dateTime(value) {
    const date = toDate(value);
    if (!date) return '';
    const options = { dateStyle: 'medium', timeStyle: 'medium', timeZone: CITY_TIME_ZONE };
    return cached('dt', options, (l, o) => new Intl.DateTimeFormat(l, o)).format(date);
  },
  /** Date only, the city's. */
  date(value) {
    const date = toDate(value);
    if (!date) return '';
    const options = { dateStyle: 'medium', timeZone: CITY_TIME_ZONE };
    return cached('d', options, (l, o) => new Intl.DateTimeFormat(l, o)).format(date);
  },
  /**
   * A calendar date from the API ("2018-06-30", no time zone) in the page language, e.g. 2018年6月30日
   * or Jun 30, 2018. Read as the start of that day in the city, so it never shifts by a day. '' for null.
   */
  day(value) {
    if (value === null || value === undefined || value === '') return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    const date = match ? cityInstant(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : toDate(value);
    if (!date || Number.isNaN(date.getTime())) return String(value);
    const options = { dateStyle: 'medium', timeZone: CITY_TIME_ZONE };
    return cached('d', options, (l, o) => new Intl.DateTimeFormat(l, o)).format(date);
  },
  /** Time only, the city's, e.g. for "last updated". */
  time(value) {
    const date = toDate(value);
    if (!date) return '';
    const options = { timeStyle: 'medium', timeZone: CITY_TIME_ZONE };
    return cached('t', options, (l, o) => new Intl.DateTimeFormat(l, o)).format(date);
  },
  /** "3 minutes ago" / "3分钟前", relative to now. */
  relative(value) {
    const date = toDate(value);
    if (!date) return '';
    const seconds = Math.round((date.getTime() - Date.now()) / 1000);
    const units = [
      ['day', 86400],
      ['hour', 3600],
      ['minute', 60],
      ['second', 1],
    ];
    const rtf = cached('rel', {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size || unit === 'second') {
        return rtf.format(Math.round(seconds / size), unit);
      }
    }
    return '';
  },
};
