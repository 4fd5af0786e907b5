// Shared bits of the filing, eligibility and effectiveness pages: budget years, money, verdict badges.

import { t, tEnum, fmt } from './i18n.js';
import { el, badge } from './dom.js';

export const VERDICT_TONE = { ELIGIBLE: 'ok', ELIGIBLE_BY_EXEMPTION: 'info', NOT_ELIGIBLE: 'danger', NEEDS_REVIEW: 'warn', NOT_APPLICABLE: 'neutral' };
export const RESULT_TONE = { PASSED: 'ok', EXEMPTED: 'info', FIRED: 'danger', NEEDS_REVIEW: 'warn', NOT_APPLICABLE: 'neutral' };

export const verdictBadge = (v) => badge(tEnum('enum.verdict', v), VERDICT_TONE[v] ?? 'neutral');
export const resultBadge = (r) => badge(tEnum('enum.ruleResult', r), RESULT_TONE[r] ?? 'neutral');
export const money = (v) => (v === null || v === undefined ? '' : `${fmt.number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Fills a year select (this year and the next two back/forward), keeping ?year= in the URL. */
export function yearSelect(select, onChange) {
  const now = new Date().getFullYear();
  const years = [now + 1, now, now - 1];
  const fromUrl = Number(new URLSearchParams(window.location.search).get('year'));
  const selected = years.includes(fromUrl) ? fromUrl : now + 1;
  for (const y of years) select.append(el('option', { value: y, text: t('funding.yearOption', { year: y }), selected: y === selected }));
  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('year', select.value);
    window.history.replaceState(null, '', url);
    onChange(Number(select.value));
  });
  return selected;
}

export function table(headings, rows, id) {
  return el('table', { class: 'table table-top', id },
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { text: t(h) })))),
    el('tbody', {}, rows));
}
