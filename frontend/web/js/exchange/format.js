// How the exchange page writes figures, sizes, durations and times.

import { CITY_TIME_ZONE, cityDate, cityInstant } from '../city-time.js';
import { fmt, getLanguage } from '../i18n.js';

export const dash = '—';
export const isEmptyValue = (v) => v === null || v === undefined || v === '';

export const num = (v) => (isEmptyValue(v) ? dash : fmt.number(v));
export const percent = (v, digits = 1) => (isEmptyValue(v) || !Number.isFinite(Number(v))
  ? dash
  : fmt.number(v, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }));
export const millis = (v) => (isEmptyValue(v) ? dash : fmt.number(v, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 1 }));
export const compact = (v) => fmt.number(v, { notation: 'compact', maximumFractionDigits: 1 });

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];

/** 1048576 -> "1 MB" (decimal units, as the platform reports bytes). */
export function humanBytes(value) {
  if (isEmptyValue(value)) return dash;
  let v = Number(value);
  let i = 0;
  while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i += 1;
  }
  return fmt.number(v, { style: 'unit', unit: BYTE_UNITS[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 });
}

/** A period length in words, e.g. "5分钟" / "5 minutes". */
export function duration(seconds) {
  if (isEmptyValue(seconds)) return dash;
  const s = Number(seconds);
  const [value, unit] = s % 3600 === 0 ? [s / 3600, 'hour'] : s % 60 === 0 ? [s / 60, 'minute'] : [s, 'second'];
  return fmt.number(value, { style: 'unit', unit, unitDisplay: 'long' });
}

const dateFormats = new Map();
/** A date format in the page language, showing the city's time (see city-time.js). */
export function dateFormat(options) {
  const key = `${getLanguage()}|${JSON.stringify(options)}`;
  if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(getLanguage(), { ...options, timeZone: CITY_TIME_ZONE }));
  return dateFormats.get(key);
}

/** Parses an API instant, or a plain "2026-11-28" / "2026-11" as the start of that day / month in the city. */
export function parseTime(value) {
  if (isEmptyValue(value)) return null;
  const plain = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(value));
  const date = plain ? cityInstant(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3] ?? 1)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const AXIS_FORMATS = {
  HOUR: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  DAY: { month: '2-digit', day: '2-digit' },
  MONTH: { year: 'numeric', month: '2-digit' },
};

/** A time bucket's axis label at the series' granularity (HOUR, DAY or MONTH). */
export function bucketLabel(value, granularity) {
  const date = parseTime(value);
  if (!date) return String(value ?? '');
  return dateFormat(AXIS_FORMATS[granularity] ?? AXIS_FORMATS.DAY).format(date);
}

/** "2026/11/28 10:00:00 – 11:00:00", the end's date only when it differs. */
export function periodText(start, end) {
  const a = parseTime(start);
  const b = parseTime(end);
  if (!a) return dash;
  if (!b) return fmt.dateTime(a);
  return `${fmt.dateTime(a)} – ${cityDate(a) === cityDate(b) ? fmt.time(b) : fmt.dateTime(b)}`;
}

/** Minimal escaping for the few ECharts tooltip formatters (ECharts renders them as HTML). */
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
