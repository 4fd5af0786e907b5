// The city's clock. Periods, days and times on every page are the city's (Suqian, Asia/Shanghai), as the server
// computes them (PeriodPlan.ZONE), whatever time zone the browser is set to: a browser in UTC would otherwise start
// "today" eight hours late and label every daily bucket a day early.

export const CITY_TIME_ZONE = 'Asia/Shanghai';

// China Standard Time is UTC+8 all year (no daylight saving since 1991), so a fixed offset converts exactly.
const OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = OFFSET_MINUTES * 60_000;

const pad = (n) => String(n).padStart(2, '0');

/** The city's wall clock at an instant: {year, month (0-11), day, hour, minute, second}. */
export function cityClock(instant = new Date()) {
  const w = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: w.getUTCFullYear(), month: w.getUTCMonth(), day: w.getUTCDate(),
    hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(),
  };
}

/** The instant at which the city's clock reads year-month-day hour:00 (month 0-11; fields overflow as Date.UTC's do). */
export function cityInstant(year, month, day = 1, hour = 0) {
  return new Date(Date.UTC(year, month, day, hour) - OFFSET_MS);
}

/** "2026-11-28T00:00:00+08:00": the city's wall time at an instant, with its offset, seconds precision. */
export function cityIso(instant) {
  const c = cityClock(instant);
  return `${c.year}-${pad(c.month + 1)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`
    + `+${pad(OFFSET_MINUTES / 60)}:${pad(OFFSET_MINUTES % 60)}`;
}

/** The city's calendar date at an instant, "2026-11-28" (the API's plain dates), or the date that many days after it. */
export function cityDate(instant = new Date(), days = 0) {
  const c = cityClock(instant);
  const d = new Date(Date.UTC(c.year, c.month, c.day + days));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The city's current year. */
export const cityYear = () => cityClock().year;
