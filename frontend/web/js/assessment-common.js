// Shared pieces of the assessment pages: years, grade badges, numbers and table heads.

import { api } from './api.js';
import { t } from './i18n.js';
import { el, badge } from './dom.js';

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

export function gradeBadge(grade) {
  return grade ? badge(grade, GRADE_TONE[grade] ?? 'neutral') : badge(t('assessment.noGrade'), 'neutral');
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
