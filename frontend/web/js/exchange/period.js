// The period the exchange page shows, chosen as 24h / 7d / 30d / year / lastyear and mirrored in the URL.
// from / to are computed in the browser's time zone and sent with its offset (2026-11-28T00:00:00+08:00).

export const PERIODS = ['24h', '7d', '30d', 'year', 'lastyear'];
export const DEFAULT_PERIOD = '7d';

const pad = (n) => String(n).padStart(2, '0');

/** "2026-11-28T00:00:00+08:00": local wall time with the browser's offset, seconds precision. */
export function isoWithOffset(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    + `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * {from, to, year} of a period ending now. 24h: the current hour and the 23 before it; 7d / 30d:
 * whole days including today; year: since 1 January; lastyear: the whole previous calendar year.
 */
function periodRange(period, now = new Date()) {
  const to = new Date(now);
  to.setMilliseconds(0);
  const day = (offsetDays) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays);
  switch (period) {
    case '24h': {
      const from = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() - 23);
      return { from, to, year: now.getFullYear() };
    }
    case '30d':
      return { from: day(-29), to, year: now.getFullYear() };
    case 'year':
      return { from: new Date(now.getFullYear(), 0, 1), to, year: now.getFullYear() };
    case 'lastyear':
      return { from: new Date(now.getFullYear() - 1, 0, 1), to: new Date(now.getFullYear(), 0, 1), year: now.getFullYear() - 1 };
    case '7d':
    default:
      return { from: day(-6), to, year: now.getFullYear() };
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
