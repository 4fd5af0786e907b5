// Shared pieces of the assessment pages: years, grade badges, numbers and table heads.

import { api } from './api.js';
import { t, hasMessage, getLanguage, DEFAULT_LANGUAGE } from './i18n.js';
import { el, badge, renderError } from './dom.js';

export const GRADE_TONE = { 优秀: 'ok', 良好: 'ok', 合格: 'warn', 不合格: 'danger' };

/** Fills the year select with assessed years, newest first; returns them. */
export async function fillAssessmentYears(select, wanted) {
  const years = await api.get('/api/v1/assessments');
  select.replaceChildren(...years.map((y) => new Option(String(y.year), String(y.year))));
  const list = years.map((y) => String(y.year));
  select.value = list.includes(String(wanted)) ? String(wanted) : (list[0] ?? '');
  return years;
}

export const score = (value) => (value === null || value === undefined ? '—' : Number(value).toFixed(2));

/**
 * A name the methodology gives (a pillar's, a grade band's label) in the reader's language: the methodology's own
 * words in Chinese; in another language this page's words for that code when it knows them, else the methodology's.
 */
function methodologyWord(key, own) {
  return getLanguage() !== DEFAULT_LANGUAGE && hasMessage(key) ? t(key) : own;
}

export const pillarName = (p) => methodologyWord(`assessment.pillar.${p.code}`, p.name);

export const gradeLabel = (grade) => methodologyWord(`assessment.grade.${grade}`, grade);

export function gradeBadge(grade) {
  return grade ? badge(gradeLabel(grade), GRADE_TONE[grade] ?? 'neutral') : badge(t('assessment.noGrade'), 'neutral');
}

export function stateBadge(state) {
  return badge(t(`assessment.state.${state}`), state === 'FINAL' ? 'ok' : state === 'PUBLISHED' ? 'warn' : 'neutral');
}

export function head(table, keys) {
  table.tHead.replaceChildren(el('tr', {}, ...keys.map((k) => el('th', { scope: 'col', text: t(k) }))));
}

/** The movement since last year: ▲ up, ▼ down, = same, — new. */
export function movement(value) {
  if (value === null || value === undefined) return el('span', { class: 'muted', text: '—' });
  if (value > 0) return el('span', { class: 'text-ok', text: `▲${value}` });
  if (value < 0) return el('span', { class: 'text-danger', text: `▼${-value}` });
  return el('span', { class: 'muted', text: '=' });
}

/** A challenge's evidence files as download links (the server always sends them as downloads). */
export function attachmentLinks(year, c) {
  const files = c.attachments ?? [];
  if (!files.length) return el('span', { class: 'muted', text: '—' });
  return el('ul', { class: 'plain-list' }, ...files.map((a) => el('li', {},
    el('a', { href: `/api/v1/assessments/${year}/challenges/${c.id}/attachments/${a.id}`, download: a.fileName, text: a.fileName,
      'data-attachment': a.id }))));
}

/** Files a challenge, then uploads the chosen evidence files to it one by one; resolves the challenge's id. */
export async function fileChallenge(year, body, fileInput) {
  const created = await api.post(`/api/v1/assessments/${year}/challenges`, body);
  for (const file of Array.from(fileInput?.files ?? [])) {
    const data = new FormData();
    data.append('file', file);
    await api.upload(`/api/v1/assessments/${year}/challenges/${created.id}/attachments`, data);
  }
  if (fileInput) {
    fileInput.value = '';
    fileInput.dispatchEvent(new Event('change'));
  }
  return created.id;
}

/** A file input shown as our own labelled button (the browser's would speak its own language) and the names chosen beside it. */
export function wireFilePick(input) {
  const chosen = document.getElementById(`${input.id}-chosen`);
  input.addEventListener('change', () => {
    const names = Array.from(input.files ?? []).map((f) => f.name);
    chosen.textContent = names.length ? names.join(t('common.listSeparator')) : t('assessment.challenge.noFiles');
  });
}

/**
 * The office's decision on a challenge: a reason, an optional corrected percentage, accept or reject. After it is
 * recorded {@code reload} runs; a refusal is shown in {@code errorBox}.
 */
export function decisionForm(year, c, reload, errorBox) {
  const reason = el('input', { type: 'text', name: 'reason', 'aria-label': t('assessment.column.reason'), placeholder: t('assessment.column.reason') });
  const percent = el('input', { type: 'number', name: 'correctedPercent', min: 0, max: 100, 'aria-label': t('assessment.field.correctedPercent'),
    placeholder: t('assessment.field.correctedPercent') });
  const decide = (accept) => async () => {
    try {
      await api.post(`/api/v1/assessments/${year}/challenges/${c.id}/decision`, { accept, reason: reason.value,
        correctedPercent: percent.value === '' ? null : Number(percent.value) });
      await reload();
    } catch (error) {
      renderError(errorBox, error);
    }
  };
  return el('div', { class: 'inline-form' }, reason, percent,
    el('button', { class: 'btn btn-small', type: 'button', 'data-action': 'accept', text: t('assessment.action.accept'), onclick: decide(true) }),
    el('button', { class: 'btn btn-small', type: 'button', 'data-action': 'reject', text: t('assessment.action.reject'), onclick: decide(false) }));
}
