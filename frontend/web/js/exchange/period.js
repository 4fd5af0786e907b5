// The period the exchange page shows, chosen as 24h / 7d / 30d / year / lastyear and mirrored in the URL.
// from / to are the city's wall times (Asia/Shanghai, whatever the browser's zone), sent with the city's offset
// (2026-11-28T00:00:00+08:00).

import { cityClock, cityInstant, cityIso } from '../city-time.js';

export const PERIODS = ['24h', '7d', '30d', 'year', 'lastyear'];
export const DEFAULT_PERIOD = '7d';

/** "2026-11-28T00:00:00+08:00": the city's wall time at an instant, with its offset. */
export const isoWithOffset = cityIso;

/**
 * {from, to, year} of a period ending now, in the city's days. 24h: the current hour and the 23 before it; 7d / 30d:
 * whole days including today; year: since 1 January; lastyear: the whole previous calendar year.
 */
function periodRange(period, now = new Date()) {
  const to = new Date(now);
  to.setMilliseconds(0);
  const c = cityClock(now);
  const day = (offsetDays) => cityInstant(c.year, c.month, c.day + offsetDays);
  switch (period) {
    case '24h':
      return { from: cityInstant(c.year, c.month, c.day, c.hour - 23), to, year: c.year };
    case '30d':
      return { from: day(-29), to, year: c.year };
    case 'year':
      return { from: cityInstant(c.year, 0, 1), to, year: c.year };
    case 'lastyear':
      return { from: cityInstant(c.year - 1, 0, 1), to: cityInstant(c.year, 0, 1), year: c.year - 1 };
    case '7d':
    default:
      return { from: day(-6), to, year: c.year };
  }
}

/** periodRange, never empty (the API refuses to <= from, which "year" would be at midnight on 1 January). */
export function safeRange(period) {
  const range = periodRange(period);
  if (range.to <= range.from) range.to = new Date(range.from.getTime() + 1000);
  return range;
}

/** The period chosen in the page's select; the default for anything else. */
export function currentPeriod() {
  const value = document.getElementById('exchange-period').value;
  return PERIODS.includes(value) ? value : DEFAULT_PERIOD;
}
