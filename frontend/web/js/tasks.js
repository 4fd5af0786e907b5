// Key-task board ("重点任务看板"): one card per key task and safeguard measure with its lead and
// co-responsible organisations, status and milestones. A card opens the task's detail with the
// progress history and - where the task says canReport - a form to report progress.
// Filter and selection are mirrored in the URL (?status=&mine=true&code=).

import { cityDate } from './city-time.js';
import { api } from './api.js';
import { initPage } from './layout.js';
import { t, fmt } from './i18n.js';
import {
  el, badge, renderError, markLoaded, markFieldError, clearFormErrors, focusFirstInvalid, showFormErrors,
} from './dom.js';
import {
  ENUMS, enumBadge, enumLabel, fillEnumSelect, toneOf, OrgDirectory, queryParams, writeQuery,
  selectIfOffered, DetailPanel, detailItem, statItem, onChoose,
} from './registry.js';

const $ = (id) => document.getElementById(id);
// An open milestone this close to its deadline is flagged.
const DUE_SOON_DAYS = 30;

const state = {
  me: null,
  orgs: new OrgDirectory(),
  tasks: [],
  selected: null, // code of the task in the detail panel
  detailSeq: 0,
};
let detail;

/** Today as "YYYY-MM-DD" in the city (API dates are plain calendar dates). */
const today = () => cityDate();

function daysUntil(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const [ty, tm, td] = today().split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(ty, tm - 1, td)) / 86_400_000);
}

const byOrder = (a, b) =>
  ENUMS.taskKind.indexOf(a.kind) - ENUMS.taskKind.indexOf(b.kind) || (a.sequence ?? 0) - (b.sequence ?? 0) || a.code.localeCompare(b.code);

const isMine = (task) => {
  const own = state.me?.organisation?.code;
  return Boolean(own) && (task.coAllOrganisations || task.leadOrganisationCodes?.includes(own) || task.coOrganisationCodes?.includes(own));
};

function orgNames(codes) {
  const names = state.orgs.names(codes);
  return names.length ? names.join(t('common.listSeparator')) : null;
}

function coText(task) {
  if (task.coAllOrganisations) return t('task.coAll');
  return orgNames(task.coOrganisationCodes);
}

// ---- Milestones -------------------------------------------------------------------------

// The API says whether a met milestone was late; computed from the dates if it does not.
const isLate = (m) => m.status === 'MET' && (m.late ?? Boolean(m.metOn && m.deadline && m.metOn > m.deadline));
const isOpen = (m) => m.status === 'NOT_STARTED' || m.status === 'IN_PROGRESS';
const isDueSoon = (m) => isOpen(m) && m.deadline && daysUntil(m.deadline) >= 0 && daysUntil(m.deadline) <= DUE_SOON_DAYS;

/** What to say about a milestone besides its status: deadline, when it was met, lateness. */
function milestoneMeta(m) {
  const parts = [];
  if (m.status === 'MET') {
    parts.push(el('span', { text: t('task.milestone.metOn', { date: fmt.day(m.metOn) }) }));
    if (isLate(m)) parts.push(badge(t('task.milestone.late'), 'warn'));
  } else {
    // milestones the plan sets no date for are standing work, not undated deadlines
    parts.push(el('span', { text: m.deadline ? t('task.milestone.deadline', { date: fmt.day(m.deadline) }) : t('task.milestone.ongoing') }));
    if (isDueSoon(m)) parts.push(badge(t('task.milestone.dueSoon', { days: daysUntil(m.deadline) }), 'warn'));
  }
  return parts;
}

function milestoneItem(m) {
  return el('li', { class: `milestone milestone-${m.status?.toLowerCase().replace('_', '-') ?? 'not-started'}`, 'data-code': m.code, 'data-status': m.status },
    el('span', { class: `dot dot-${toneOf('milestoneStatus', m.status)}`, 'aria-hidden': 'true' }),
    el('div', { class: 'milestone-body' },
      el('div', { class: 'milestone-title', text: m.title }),
      el('div', { class: 'milestone-meta' }, enumBadge('milestoneStatus', m.status), milestoneMeta(m))));
}

function milestoneProgress(task) {
  const all = task.milestones ?? [];
  if (!all.length) return null;
  const met = all.filter((m) => m.status === 'MET').length;
  const fill = el('span', { class: 'meter-fill' });
  fill.style.width = `${Math.round((met / all.length) * 100)}%`;
  return el('div', { class: 'meter', title: t('task.milestone.progress', { met, total: all.length }) },
    el('div', { class: 'meter-label' },
      el('span', { text: t('task.milestone.progressLabel') }),
      el('span', { class: 'mono', text: `${met}/${all.length}` })),
    el('div', {
      class: `meter-bar meter-${toneOf('taskStatus', task.status)}`,
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': all.length,
      'aria-valuenow': met,
      'aria-label': t('task.milestone.progress', { met, total: all.length }),
    }, fill));
}

// ---- Board ------------------------------------------------------------------------------

function card(task) {
  const selected = task.code === state.selected;
  return el('article', {
    class: selected ? 'task-card selected' : 'task-card',
    'data-code': task.code,
    'data-status': task.status,
    tabindex: 0,
    'aria-current': selected ? 'true' : null,
    'aria-label': `${task.code} ${task.title}`,
  },
  el('div', { class: 'task-card-head' },
    el('span', { class: 'task-code mono', text: task.code }),
    enumBadge('taskStatus', task.status)),
  el('h3', { class: 'task-title', text: task.title }),
  el('dl', { class: 'task-orgs' },
    el('dt', { text: t('task.field.lead') }),
    el('dd', { text: orgNames(task.leadOrganisationCodes) ?? '—' }),
    el('dt', { text: t('task.field.co') }),
    el('dd', { text: coText(task) ?? '—' })),
  task.milestones?.length ? el('ul', { class: 'milestone-list' }, task.milestones.map(milestoneItem)) : null,
  el('div', { class: 'task-card-foot' },
    milestoneProgress(task),
    task.canReport ? badge(t('task.canReport'), 'info') : null));
}

function visibleTasks() {
  const status = $('task-status-filter').value;
  const mine = $('task-mine-filter').checked;
  return state.tasks.filter((task) => (!status || task.status === status) && (!mine || isMine(task)));
}

function renderBoard() {
  const tasks = visibleTasks();
  const board = $('task-board');
  if (!tasks.length) {
    board.replaceChildren(el('p', { class: 'panel empty', text: t('task.board.empty') }));
  } else {
    board.replaceChildren(...ENUMS.taskKind.map((kind) => {
      const ofKind = tasks.filter((task) => task.kind === kind);
      if (!ofKind.length) return null;
      return el('section', { class: 'task-section', 'data-kind': kind },
        el('h2', { class: 'task-section-head' },
          enumLabel('taskKind', kind),
          el('span', { class: 'muted task-section-count', text: t('task.board.kindCount', { count: fmt.number(ofKind.length) }) })),
        el('div', { class: 'task-grid' }, ofKind.map(card)));
    }).filter(Boolean));
  }
  $('task-count').textContent = t('task.board.count', { shown: fmt.number(tasks.length), total: fmt.number(state.tasks.length) });
}

function renderSummary() {
  const current = $('task-status-filter').value;
  const counts = Object.fromEntries(ENUMS.taskStatus.map((s) => [s, state.tasks.filter((task) => task.status === s).length]));
  const milestones = state.tasks.flatMap((task) => task.milestones ?? []);
  const missed = milestones.filter((m) => m.status === 'MISSED').length;
  const statusStat = (label, status, value, tone) => statItem({
    label,
    value: fmt.number(value),
    tone,
    active: current === status,
    attrs: { 'data-status': status },
    title: status ? t('task.summary.filterBy', { status: label }) : t('task.summary.clearFilter'),
    onClick: () => {
      $('task-status-filter').value = current === status ? '' : status;
      applyFilter();
    },
  });
  $('task-summary').replaceChildren(
    el('div', { class: 'stat-group' },
      statusStat(t('task.summary.total'), '', state.tasks.length, null),
      ENUMS.taskStatus.map((s) => statusStat(enumLabel('taskStatus', s), s, counts[s], toneOf('taskStatus', s)))),
    el('div', { class: 'stat-group' },
      statItem({ label: t('task.summary.milestones'), value: fmt.number(milestones.length) }),
      statItem({ label: t('task.summary.met'), value: fmt.number(milestones.filter((m) => m.status === 'MET').length), tone: 'ok' }),
      statItem({ label: t('task.summary.missed'), value: fmt.number(missed), tone: missed ? 'danger' : null })));
}

function syncUrl() {
  writeQuery({
    status: $('task-status-filter').value,
    mine: $('task-mine-filter').checked ? 'true' : null,
    code: state.selected,
  });
}

function applyFilter() {
  syncUrl();
  renderSummary();
  renderBoard();
}

async function loadTasks() {
  try {
    const tasks = await api.get('/api/v1/tasks');
    state.tasks = (Array.isArray(tasks) ? tasks : tasks?.items ?? []).slice().sort(byOrder);
    $('task-error').replaceChildren();
    renderSummary();
    renderBoard();
    return true;
  } catch (error) {
    renderError($('task-error'), error);
    return false;
  }
}

/** Puts an updated task (e.g. from the progress POST) into the board. */
function replaceTask(updated) {
  const index = state.tasks.findIndex((task) => task.code === updated.code);
  const { progress, ...listFields } = updated;
  if (index >= 0) state.tasks[index] = { ...state.tasks[index], ...listFields };
  else state.tasks = [...state.tasks, listFields].sort(byOrder);
  renderSummary();
  renderBoard();
}

// ---- Detail -----------------------------------------------------------------------------

function milestoneTable(task) {
  const milestones = task.milestones ?? [];
  if (!milestones.length) return el('p', { class: 'muted small', text: t('task.milestone.none') });
  return el('div', { class: 'table-wrap' },
    el('table', { id: 'task-milestones', class: 'table table-compact' },
      el('caption', { class: 'visually-hidden', text: t('task.detail.milestones') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('task.milestone.title') }),
        el('th', { scope: 'col', text: t('task.milestone.deadlineCol') }),
        el('th', { scope: 'col', text: t('task.milestone.statusCol') }),
        el('th', { scope: 'col', text: t('task.milestone.metOnCol') }))),
      el('tbody', {}, milestones.map((m) => el('tr', { 'data-code': m.code },
        el('td', { class: 'name-cell', title: m.code, text: m.title }),
        el('td', { class: 'nowrap', text: m.deadline ? fmt.day(m.deadline) : t('task.milestone.noDeadline') }),
        el('td', {}, el('span', { class: 'badge-list' }, enumBadge('milestoneStatus', m.status),
          isLate(m) ? badge(t('task.milestone.late'), 'warn') : null,
          isDueSoon(m) ? badge(t('task.milestone.dueSoon', { days: daysUntil(m.deadline) }), 'warn') : null)),
        el('td', { class: 'nowrap', text: m.metOn ? fmt.day(m.metOn) : '—' }))))));
}

/** Evidence as a link when it is a web address; as text otherwise. */
function evidence(value) {
  if (!value) return null;
  if (/^https?:\/\/\S+$/i.test(value.trim())) {
    return el('a', { href: value.trim(), target: '_blank', rel: 'noopener noreferrer', class: 'evidence-link', text: value.trim() });
  }
  return el('span', { text: value });
}

function progressHistory(task) {
  const entries = (task.progress ?? []).slice().sort((a, b) => String(b.reportedAt).localeCompare(String(a.reportedAt)));
  if (!entries.length) return el('p', { id: 'task-progress-history', class: 'muted small', text: t('task.progress.none') });
  const milestoneTitle = (code) => task.milestones?.find((m) => m.code === code)?.title ?? code;
  return el('ol', { id: 'task-progress-history', class: 'timeline' }, entries.map((p) => el('li', { class: 'timeline-item', 'data-id': p.id },
    el('div', { class: 'timeline-head' },
      el('time', { datetime: p.reportedAt, class: 'strong', text: fmt.dateTime(p.reportedAt) }),
      el('span', { class: 'muted', text: [state.orgs.name(p.organisationCode), p.reportedBy].filter(Boolean).join(' · ') })),
    p.milestoneCode ? el('div', { class: 'timeline-tags' },
      el('span', { class: 'tag', text: t('task.progress.milestoneTag', { title: milestoneTitle(p.milestoneCode) }) }),
      p.metOn ? badge(t('task.milestone.metOn', { date: fmt.day(p.metOn) }), 'ok') : null) : null,
    el('p', { class: 'timeline-note', text: p.note }),
    p.evidence ? el('div', { class: 'small' }, el('span', { class: 'muted', text: t('task.progress.evidenceLabel') }), evidence(p.evidence)) : null)));
}

/** Declaring a milestone met is for the e-government office and the task's lead organisations. */
function canDeclareMet(task) {
  const own = state.me?.organisation?.code;
  return state.me?.role === 'EGOV_ADMIN' || (Boolean(own) && (task.leadOrganisationCodes ?? []).includes(own));
}

function progressForm(task) {
  const errorBox = el('div', { class: 'form-errors' });
  const status = el('span', { id: 'task-progress-status', class: 'form-status', role: 'status' });
  const field = (name, input) => ({ name, input, message: el('div', { class: 'field-error', id: `${input.id}-error` }) });

  const note = field('note', el('textarea', { id: 'task-progress-note', name: 'note', rows: 4, required: true, maxlength: 4000 }));
  const evidenceInput = field('evidence', el('input', {
    id: 'task-progress-evidence', name: 'evidence', type: 'text', maxlength: 1000,
    placeholder: t('task.form.evidencePlaceholder'),
  }));
  const milestone = field('milestoneCode', el('select', { id: 'task-progress-milestone', name: 'milestoneCode' },
    el('option', { value: '', text: t('task.form.noMilestone') }),
    (task.milestones ?? []).filter((m) => m.status !== 'MET').map((m) =>
      // a milestone the plan sets no date for shows no empty "（截止 ）"
      el('option', { value: m.code, text: m.deadline ? t('task.form.milestoneOption', { title: m.title, deadline: fmt.day(m.deadline) }) : m.title }))));
  const mayDeclareMet = canDeclareMet(task);
  const metOn = field('metOn', el('input', { id: 'task-progress-met-on', name: 'metOn', type: 'date', max: today(), disabled: true }));
  milestone.input.addEventListener('change', () => {
    metOn.input.disabled = !milestone.input.value || !mayDeclareMet;
    if (metOn.input.disabled) metOn.input.value = '';
  });
  const fields = [note, evidenceInput, milestone, metOn];

  const submit = el('button', { id: 'task-progress-submit', type: 'submit', class: 'btn btn-primary', text: t('task.form.submit') });
  const form = el('form', { id: 'task-progress-form', class: 'form detail-form', novalidate: true },
    el('h3', { text: t('task.form.heading') }),
    errorBox,
    el('div', { class: 'form-field' },
      el('label', { for: 'task-progress-note' }, t('task.field.note'), el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' })),
      note.input,
      note.message),
    el('div', { class: 'form-field' },
      el('label', { for: 'task-progress-evidence', text: t('task.field.evidence') }),
      evidenceInput.input,
      evidenceInput.message),
    el('div', { class: 'form-field' },
      el('label', { for: 'task-progress-milestone', text: t('task.field.milestone') }),
      milestone.input,
      milestone.message),
    el('div', { class: 'form-field' },
      el('label', { for: 'task-progress-met-on', text: t('task.form.metOn') }),
      metOn.input,
      el('div', { class: 'field-hint', text: t(mayDeclareMet ? 'task.form.metOnHint' : 'task.form.metOnLeadOnly') }),
      metOn.message),
    el('div', { class: 'form-actions' }, submit, status));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(errorBox, fields);
    status.textContent = '';
    const body = {
      note: note.input.value.trim(),
      evidence: evidenceInput.input.value.trim() || null,
      milestoneCode: milestone.input.value || null,
      metOn: milestone.input.value && metOn.input.value ? metOn.input.value : null,
    };
    // The same rules as the server, checked first so that the common slips need no round trip.
    if (!body.note) markFieldError(note, t('task.form.noteRequired'));
    if (body.metOn && !body.evidence) markFieldError(evidenceInput, t('task.form.evidenceRequired'));
    if (focusFirstInvalid(fields)) return;
    submit.disabled = true;
    try {
      const updated = await api.post(`/api/v1/tasks/${encodeURIComponent(task.code)}/progress`, body);
      if (updated && typeof updated === 'object' && updated.code) replaceTask(updated);
      // The answer is the updated task; fetch the detail if it came without its history.
      const full = Array.isArray(updated?.progress) ? updated : await api.get(`/api/v1/tasks/${encodeURIComponent(task.code)}`);
      if (state.selected !== task.code) return;
      renderDetail(full);
      const saved = $('task-progress-status');
      if (saved) saved.textContent = t('task.form.saved');
    } catch (error) {
      showFormErrors(errorBox, error, fields);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function renderDetail(task) {
  const listed = state.tasks.find((x) => x.code === task.code) ?? {};
  const canReport = task.canReport ?? listed.canReport ?? false;
  detail.show(
    detail.head(task.title, enumBadge('taskStatus', task.status)),
    task.description ? el('p', { class: 'detail-text', text: task.description }) : null,
    el('dl', { class: 'detail-list' },
      detailItem(t('task.field.code'), task.code, { mono: true }),
      detailItem(t('task.field.kind'), enumLabel('taskKind', task.kind)),
      detailItem(t('task.field.lead'), orgNames(task.leadOrganisationCodes)),
      detailItem(t('task.field.co'), coText(task))),
    el('section', { class: 'detail-section' },
      el('h3', { text: t('task.detail.milestones') }),
      milestoneTable(task)),
    el('section', { class: 'detail-section' },
      el('h3', { text: t('task.detail.progress') }),
      progressHistory(task)),
    canReport ? progressForm(task) : el('p', { class: 'muted small', text: t('task.form.readOnly') }));
}

function markSelected() {
  for (const node of $('task-board').querySelectorAll('.task-card')) {
    const on = node.dataset.code === state.selected;
    node.classList.toggle('selected', on);
    if (on) node.setAttribute('aria-current', 'true');
    else node.removeAttribute('aria-current');
  }
}

async function select(code) {
  const seq = ++state.detailSeq;
  state.selected = code;
  syncUrl();
  markSelected();
  const listed = state.tasks.find((task) => task.code === code);
  detail.show(
    detail.head(listed?.title ?? code, listed ? enumBadge('taskStatus', listed.status) : null),
    el('p', { class: 'muted', text: t('common.loading') }));
  try {
    const task = await api.get(`/api/v1/tasks/${encodeURIComponent(code)}`);
    if (seq !== state.detailSeq) return;
    renderDetail(task);
  } catch (error) {
    if (seq !== state.detailSeq) return;
    detail.error(error, listed?.title ?? code);
  }
}

function deselect() {
  state.detailSeq++;
  state.selected = null;
  syncUrl();
  markSelected();
}

// ---- Wiring -----------------------------------------------------------------------------

async function main() {
  const me = await initPage();
  if (!me) return;
  state.me = me;

  fillEnumSelect($('task-status-filter'), 'taskStatus');
  if (me.organisation) $('task-mine-filter').closest('label').hidden = false;
  const params = queryParams();
  selectIfOffered($('task-status-filter'), params.get('status'));
  $('task-mine-filter').checked = Boolean(me.organisation) && params.get('mine') === 'true';

  detail = new DetailPanel($('task-detail'), deselect);

  onChoose($('task-board'), '.task-card[data-code]', (node) => select(node.dataset.code));
  $('task-status-filter').addEventListener('change', applyFilter);
  $('task-mine-filter').addEventListener('change', applyFilter);
  $('task-filter-form').addEventListener('submit', (event) => event.preventDefault());
  $('task-refresh').addEventListener('click', async () => {
    await loadTasks();
    if (state.selected) select(state.selected);
  });

  state.orgs = await OrgDirectory.load();
  const ok = await loadTasks();
  const code = params.get('code');
  if (ok && code && state.tasks.some((task) => task.code === code)) await select(code);
  else syncUrl();
  markLoaded(ok ? 'true' : 'error');
}

main();
