// Shared bits of the filing, eligibility and effectiveness pages: budget years, money, verdict badges.

import { cityYear } from './city-time.js';
import { t, tEnum, fmt, hasMessage } from './i18n.js';
import { el, badge } from './dom.js';

export const VERDICT_TONE = { ELIGIBLE: 'ok', ELIGIBLE_BY_EXEMPTION: 'info', NOT_ELIGIBLE: 'danger', NEEDS_REVIEW: 'warn', NOT_APPLICABLE: 'neutral' };
export const RESULT_TONE = { PASSED: 'ok', EXEMPTED: 'info', FIRED: 'danger', NEEDS_REVIEW: 'warn', NOT_APPLICABLE: 'neutral' };

export const verdictBadge = (v) => badge(tEnum('enum.verdict', v), VERDICT_TONE[v] ?? 'neutral');
export const resultBadge = (r) => badge(tEnum('enum.ruleResult', r), RESULT_TONE[r] ?? 'neutral');
export const money = (v) => (v === null || v === undefined ? '' : `${fmt.number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Fills a year select (this year and the next two back/forward), keeping ?year= in the URL. */
export function yearSelect(select, onChange) {
  const now = cityYear();
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

/** A table; with no rows it says so (a bare header reads as "still loading" or "broken"). */
export function table(headings, rows, id) {
  const body = rows?.length ? rows : el('tr', { class: 'empty-row' }, el('td', { colspan: headings.length, class: 'muted', text: t('funding.none') }));
  return el('table', { class: 'table table-top', id },
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { text: t(h) })))),
    el('tbody', {}, body));
}

/** The nodes given, without the absent ones (the DOM's own append would show null as the text "null"). */
export const present = (...nodes) => nodes.filter((n) => n !== null && n !== undefined && n !== false);

/** A fact's name in the reader's language (fact.<name>); the name itself when unknown. */
export const factLabel = (name) => (hasMessage(`fact.${name}`) ? t(`fact.${name}`) : name);

/** Facts whose values are enum constants, by the facts' label keys, with the prefix that says their values. */
const VALUE_KINDS = {
  'fact.filing.type': 'enum.projectType', 'fact.filing.network': 'enum.filingNetwork', 'fact.filing.deployment': 'enum.filingDeployment',
  'fact.filing.dataRoomWork': 'enum.dataRoomWork', 'fact.organisation.type': 'org.type',
  'fact.organisation.assessmentGrade': 'enum.assessmentGrade', 'fact.verdict': 'enum.verdict',
};

/** A fact's value as read: yes/no, enum values in words, missing said as such. */
export function factValue(name, value) {
  if (value === null || value === undefined) return t('eligibility.missingFact');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  const kind = VALUE_KINDS[`fact.${name}`];
  if (kind) return tEnum(kind, value);
  return String(value);
}

/** What a fact's note says, its parameters in words too. */
export function factNote(fact) {
  if (!fact?.note) return '';
  const p = { ...(fact.params ?? {}) };
  if (p.confidence) p.confidence = tEnum('zombie.confidence', p.confidence);
  if (p.decision && p.decision !== '—') p.decision = tEnum('zombie.decision', p.decision);
  if (p.status) p.status = tEnum('enum.filingStatus', p.status);
  if (p.missing !== undefined) {
    p.missing = String(p.missing).split(', ').filter(Boolean).map((m) => t(`filing.field.${m.split(':')[0]}`)).join(t('common.listSeparator'));
  }
  return t(`fact.note.${fact.note}`, p);
}

/** Why a verdict was (re)computed, in the reader's language; the API's English text as the fallback. */
export function causeText(verdict) {
  if (!verdict?.causeCode || !hasMessage(`cause.${verdict.causeCode}`)) return verdict?.cause ?? '';
  const p = { ...(verdict.causeParams ?? {}) };
  if (p.from) p.from = tEnum('enum.filingStatus', p.from);
  if (p.to) p.to = tEnum('enum.filingStatus', p.to);
  if (p.kind) p.kind = tEnum('enum.attachmentKind', p.kind);
  return t(`cause.${verdict.causeCode}`, p);
}

/** One changed fact of a verdict's history. */
export const changeText = (c) => t('eligibility.changeFormat', {
  fact: factLabel(c.fact), system: c.system ? ` ${c.system}` : '', before: factValue(c.fact, c.before), after: factValue(c.fact, c.after),
});
