// What the annual-report pages share: figure labels and formatting, submission badges, the year list.

import { api } from './api.js';
import { t, fmt } from './i18n.js';
import { badge } from './dom.js';

export const SUBMISSION_TONE = { ON_TIME: 'ok', LATE: 'warn', MISSING: 'danger', PENDING: 'neutral' };
export const STATUS_TONE = { DRAFT: 'info', SUBMITTED: 'ok', RETURNED: 'warn' };

export const sectionLabel = (key) => t(`annualReport.section.${key}`);
export const figureLabel = (key) => t(`annualReport.figure.${key}`);
export const submissionBadge = (s) => badge(t(`annualReport.submission.${s}`), SUBMISSION_TONE[s] ?? 'neutral');
export const statusBadge = (s) => (s ? badge(t(`annualReport.status.${s}`), STATUS_TONE[s] ?? 'neutral') : null);

/** A figure's value in the page language ('无数据' when nothing was measured). */
export function value(v, unit) {
  if (v === null || v === undefined) return t('annualReport.noData');
  return unit === 'PERCENT' ? `${fmt.number(v, { maximumFractionDigits: 2 })}%` : fmt.number(v, { maximumFractionDigits: 2 });
}

/** When a standing figure counts the registry: "截至 <day>"; null for a figure over the year. */
export const asOfNote = (f) => (f.asOf ? t('annualReport.asOf', { date: fmt.day(f.asOf) }) : null);

/**
 * Said once per report when its standing figures could not be counted as of 31 December of the reported year
 * (the registry's recorded history begins later): they count the registry when measured. Null otherwise.
 */
export function historyNote(report) {
  // figures that count what stands when measured by their nature (current funding verdicts, zombie candidates
  // measured from traffic) say their day without implying the registry's history is short
  const measuredByNature = (f) => f.key.startsWith('filings.') || f.key === 'zombies.candidates' || f.key === 'zombies.confirmed';
  const days = new Set(report.sections.flatMap((s) => s.figures).filter((f) => !measuredByNature(f)).map((f) => f.asOf)
    .filter((d) => d && d !== `${report.year}-12-31`));
  if (!days.size) return null;
  return t('annualReport.asOfMeasured', { year: report.year, date: [...days].map((d) => fmt.day(d)).join('、') });
}

/** The reported value: the correction when there is one, else the measurement. */
export const reportedValue = (f) => (f.reported !== null && f.reported !== undefined ? f.reported : f.measured);

/** Every window, newest year first; the year asked for (or the newest) selected. */
export async function fillYears(select, wanted) {
  const windows = await api.get('/api/v1/annual-reports/windows');
  select.replaceChildren(...windows.map((w) => new Option(String(w.year), String(w.year))));
  const years = windows.map((w) => String(w.year));
  // the default: the newest window already open (last year's reports), else the newest
  const open = windows.find((w) => w.open);
  select.value = years.includes(String(wanted)) ? String(wanted) : String(open?.year ?? windows[0]?.year ?? '');
  return windows;
}
