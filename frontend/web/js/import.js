// Spreadsheet import ("批量导入"): uploads an .xlsx or .csv of systems or catalogue resources.
// The server checks the whole file first: either every row is saved, or - when any row is wrong -
// nothing is, and the answer lists every problem (row, column, value, reason), all shown here.
// "Validate only" (dryRun) checks without saving. ?kind=systems|catalogue preselects the kind.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge, renderError, problemLines, markLoaded, reasonText } from './dom.js';
import { isScoped, queryParams, selectIfOffered, writeQuery, statItem } from './registry.js';

const $ = (id) => document.getElementById(id);

const KINDS = {
  systems: { path: '/api/v1/systems/import', list: '/systems.html' },
  catalogue: { path: '/api/v1/catalogue/import', list: '/catalogue.html' },
};
const ACCEPTED = /\.(xlsx|csv)$/i;

let busy = false;

function setFileError(text) {
  const input = $('import-file');
  $('import-file-error').textContent = text ?? '';
  if (text) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'import-file-hint import-file-error');
  } else {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'import-file-hint');
  }
}

function showResult(...nodes) {
  const box = $('import-result');
  box.replaceChildren(...nodes);
  box.hidden = false;
}

// ---- Outcomes ---------------------------------------------------------------------------

function renderSuccess(result, kind, fileName) {
  const dryRun = Boolean(result.dryRun);
  const figures = el('div', { class: 'summary-strip import-figures' },
    el('div', { class: 'stat-group' },
      statItem({ label: t('import.result.rows'), value: fmt.number(result.rows ?? 0), attrs: { 'data-figure': 'rows' } }),
      statItem({ label: t('import.result.created'), value: fmt.number(result.created ?? 0), tone: 'ok', attrs: { 'data-figure': 'created' } }),
      statItem({ label: t('import.result.updated'), value: fmt.number(result.updated ?? 0), tone: 'info', attrs: { 'data-figure': 'updated' } }),
      statItem({ label: t('import.result.unchanged'), value: fmt.number(result.unchanged ?? 0), tone: 'neutral', attrs: { 'data-figure': 'unchanged' } })));

  const actions = el('div', { class: 'form-actions' });
  if (dryRun) {
    actions.append(el('button', {
      id: 'import-commit',
      type: 'button',
      class: 'btn btn-primary',
      text: t('import.result.commit'),
      onclick: () => {
        $('import-dry-run').checked = false;
        submit();
      },
    }));
  } else {
    actions.append(el('a', { class: 'btn', href: KINDS[kind].list, text: t(`import.result.open.${kind}`) }));
  }

  showResult(
    el('div', { class: `alert ${dryRun ? 'alert-info' : 'alert-ok'}`, role: 'status', 'data-outcome': dryRun ? 'validated' : 'imported' },
      el('strong', { text: t(dryRun ? 'import.result.validated' : 'import.result.imported') }),
      el('div', { text: t(dryRun ? 'import.result.validatedNote' : 'import.result.importedNote', { file: fileName }) })),
    figures,
    actions);
}

const shown = (value) => (value === null || value === undefined || value === '' ? t('import.errors.empty') : String(value));
const byRow = (a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER);

function renderRejected(error, fileName) {
  const errors = error.errors.slice().sort(byRow);
  const rows = new Set(errors.map((e) => e.row).filter((r) => r !== null && r !== undefined));
  const detail = problemLines(error)[1] || t('import.errors.nothingSaved');

  const table = el('table', { id: 'import-errors', class: 'table table-top' },
    el('caption', { class: 'visually-hidden', text: t('import.errors.caption') }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'num', text: t('import.errors.row') }),
      el('th', { scope: 'col', text: t('import.errors.column') }),
      el('th', { scope: 'col', text: t('import.errors.value') }),
      el('th', { scope: 'col', text: t('import.errors.reason') }))),
    el('tbody', {}, errors.map((e) => el('tr', { 'data-row': e.row ?? null, 'data-field': e.field ?? null },
      el('td', { class: 'num mono', text: e.row ?? '—' }),
      el('td', { title: e.field ?? null, text: e.column || tEnum('field', e.field) || '—' }),
      el('td', { class: e.value === null || e.value === undefined || e.value === '' ? 'muted' : 'mono', text: shown(e.value) }),
      el('td', { text: reasonText(e) })))));

  showResult(
    el('div', { class: 'alert alert-danger', role: 'alert', 'data-outcome': 'rejected' },
      el('strong', { text: t('import.errors.title', { file: fileName }) }),
      el('div', { text: detail }),
      el('div', { class: 'small', text: t('import.errors.count', { errors: fmt.number(errors.length), rows: fmt.number(rows.size) }) })),
    el('section', { class: 'panel' },
      el('div', { class: 'panel-head' },
        el('h2', { text: t('import.errors.heading') }),
        badge(fmt.number(errors.length), 'danger')),
      el('div', { class: 'table-wrap' }, table)));
}

// ---- Submit -----------------------------------------------------------------------------

async function submit() {
  if (busy) return;
  setFileError(null);
  const kind = $('import-kind').value;
  const file = $('import-file').files?.[0];
  if (!file) {
    setFileError(t('import.file.required'));
    $('import-file').focus();
    return;
  }
  if (!ACCEPTED.test(file.name)) {
    setFileError(t('import.file.wrongType'));
    $('import-file').focus();
    return;
  }

  const dryRun = $('import-dry-run').checked;
  const data = new FormData();
  data.append('file', file, file.name);

  busy = true;
  const button = $('import-submit');
  button.disabled = true;
  $('import-progress').textContent = t(dryRun ? 'import.progress.validating' : 'import.progress.importing');
  $('import-result').setAttribute('aria-busy', 'true');
  try {
    const result = await api.upload(KINDS[kind].path, data, { dryRun: dryRun ? 'true' : 'false' });
    renderSuccess(result ?? {}, kind, file.name);
  } catch (error) {
    if (error?.status === 400 && error.errors?.length) {
      renderRejected(error, file.name);
    } else {
      const box = el('div');
      renderError(box, error);
      showResult(box);
    }
  } finally {
    busy = false;
    button.disabled = false;
    $('import-progress').textContent = '';
    $('import-result').removeAttribute('aria-busy');
  }
}

async function main() {
  const me = await initPage();
  if (!me) return;

  selectIfOffered($('import-kind'), queryParams().get('kind'));
  $('import-scope-note').hidden = !isScoped(me);

  $('import-kind').addEventListener('change', () => {
    writeQuery({ kind: $('import-kind').value });
    $('import-result').hidden = true;
    $('import-result').replaceChildren();
  });
  $('import-file').addEventListener('change', () => setFileError(null));
  $('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  markLoaded();
}

main();
