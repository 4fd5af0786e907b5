// What the connection pages share: status badges, causes, durations, availability percentages.

import { t, tEnum, fmt } from './i18n.js';
import { el, badge } from './dom.js';

export const STATUS_TONE = { UP: 'ok', DOWN: 'danger', UNKNOWN: 'neutral' };

/** The status badge of a target; maintenance is said beside it. */
export function statusBadge(status, inMaintenance = false) {
  const b = el('span', {}, badge(tEnum('connection.status', status || 'UNKNOWN'), STATUS_TONE[status] ?? 'neutral'));
  if (inMaintenance) b.append(' ', badge(t('connection.inMaintenance'), 'info'));
  return b;
}

export const causeText = (cause) => (cause ? tEnum('connection.cause', cause) : '');

/** 3 天 4 小时 / 5 分钟 / 12 秒. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Number(seconds);
  if (s >= 86_400) return t('connection.duration.days', { d: fmt.number(Math.floor(s / 86_400)), h: fmt.number(Math.floor((s % 86_400) / 3600)) });
  if (s >= 3600) return t('connection.duration.hours', { h: fmt.number(Math.floor(s / 3600)), m: fmt.number(Math.floor((s % 3600) / 60)) });
  if (s >= 60) return t('connection.duration.minutes', { m: fmt.number(Math.floor(s / 60)) });
  return t('connection.duration.seconds', { s: fmt.number(s) });
}

/** 99.95% or "no data" — unknown is never shown as a percentage. */
export function percent(availability) {
  if (availability === null || availability === undefined) return t('connection.noData');
  return `${(Math.floor(availability * 10_000) / 100).toFixed(2)}%`;
}

export function targetLink(code, name) {
  return el('a', { href: `/connection.html?code=${encodeURIComponent(code)}` },
    el('div', { class: 'strong', text: name || code }), el('div', { class: 'mono muted small nowrap', text: code }));
}

export function when(value) {
  return value ? el('span', { title: fmt.dateTime(value), text: fmt.dateTime(value) }) : el('span', { class: 'muted', text: '—' });
}

export const CONNECTEDNESS_TONE = { CONNECTED: 'ok', NOT_CONNECTED: 'danger', NOT_REGISTERED: 'warn', NO_DATA: 'neutral' };

/** The measured "connected" fact of a system as a badge. */
export const connectednessBadge = (c) => badge(tEnum('connection.connectedness', c), CONNECTEDNESS_TONE[c] ?? 'neutral');

/** The inventory's self-declared connection: "已接入（申报 2021-03-08）" or "未申报接入". */
export const declaredText = (fact) => (fact.declaredConnectedOn
  ? t('connection.declared.on', { date: fmt.date(fact.declaredConnectedOn) }) : t('connection.declared.none'));

/** Agreement of the measured fact with the inventory's declaration: a warning badge when they disagree. */
export const agreementBadge = (fact) => (fact.disagreement
  ? badge(t('connection.disagreement'), 'danger') : badge(t('connection.agreement'), 'ok'));
