// Pages the pull collector refused (for the office): each kept as the platform served it, with every
// reason, until the office decides - skip the page (nothing of it counted) or accept its valid records
// (the others kept as refused records with their reasons). Open pages are an operational alert: the
// source waits for the decision. A panel of its own, placed before the collector's sources; it starts
// once the page has loaded, for the e-government office only.

import { api } from '../api.js';
import { t, tEnum, fmt, hasMessage } from '../i18n.js';
import { el, badge, renderError, reasonText } from '../dom.js';
import { $, isAdmin } from './context.js';

const PATH = '/api/v1/exchange/sources';
const SHOWN_PROBLEMS = 10;
const DECISION_TONES = { SKIP: 'neutral', ACCEPT_VALID: 'ok', SUPERSEDED: 'info' };

let started = false;

/** "调用次数: 应为整数": the interval-statistics field in the reader's language, then the reason. */
function problemText(p) {
  const key = `exchange.refusedPages.field.${p.field}`;
  const label = hasMessage(key) ? t(key) : tEnum('field', p.field);
  const reason = reasonText(p);
  return label && reason ? `${label}: ${reason}` : reason || label;
}

function section() {
  return el('section', { id: 'exchange-refused-pages', class: 'panel' },
    el('div', { class: 'panel-head' },
      el('h2', { text: t('exchange.refusedPages.title') }),
      el('span', { id: 'exchange-refused-pages-count', class: 'muted small' })),
    el('p', { class: 'muted small', text: t('exchange.refusedPages.intro') }),
    el('div', { id: 'exchange-refused-pages-alert' }),
    el('div', { id: 'exchange-refused-pages-error' }),
    el('details', { id: 'exchange-refused-policies', class: 'refused-policies' },
      el('summary', { text: t('exchange.refusedPages.policyTitle') }),
      el('p', { class: 'muted small', text: t('exchange.refusedPages.policyIntro') }),
      el('ul', { id: 'exchange-refused-policy-list', class: 'plain' })),
    el('div', { id: 'exchange-refused-pages-list', class: 'refused-pages' }));
}

function problemItems(page) {
  const problems = Array.isArray(page.problems) ? page.problems : [];
  const items = problems.slice(0, SHOWN_PROBLEMS).map((p) => el('li', {
    text: p.row ? `${t('exchange.refusedPages.record', { line: fmt.number(p.row) })} ${problemText(p)}` : problemText(p),
  }));
  if (problems.length > SHOWN_PROBLEMS) {
    items.push(el('li', { class: 'muted', text: t('exchange.refusedPages.moreProblems', { count: fmt.number(problems.length - SHOWN_PROBLEMS) }) }));
  }
  return el('ul', { class: 'plain refused-problems' }, ...items);
}

function decisionForm(page, reload) {
  const choice = el('select', { name: 'decision', 'aria-label': t('exchange.refusedPages.decision') },
    el('option', { value: 'ACCEPT_VALID', text: t('exchange.refusedPages.decisionValue.ACCEPT_VALID') }),
    el('option', { value: 'SKIP', text: t('exchange.refusedPages.decisionValue.SKIP') }));
  const note = el('textarea', { name: 'note', rows: '2', required: 'required', maxlength: '2000',
    placeholder: t('exchange.refusedPages.notePlaceholder'), 'aria-label': t('exchange.refusedPages.note') });
  const errorBox = el('div', { class: 'form-error' });
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', text: t('exchange.refusedPages.decide') });
  const form = el('form', { class: 'form refused-decision', 'data-page': page.id },
    el('label', { class: 'form-field' }, el('span', { text: t('exchange.refusedPages.decision') }), choice),
    el('label', { class: 'form-field' }, el('span', { text: t('exchange.refusedPages.note') }), note),
    errorBox, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.replaceChildren();
    submit.disabled = true;
    try {
      await api.post(`${PATH}/${encodeURIComponent(page.source)}/refused-pages/${page.id}/decision`,
        { decision: choice.value, note: note.value });
      await reload();
    } catch (error) {
      renderError(errorBox, error);
      submit.disabled = false;
    }
  });
  return form;
}

function refusedRecords(page) {
  const list = el('div', { class: 'refused-records' });
  const details = el('details', {}, el('summary', { text: t('exchange.refusedPages.showRecords', { count: fmt.number(page.refused ?? 0) }) }), list);
  details.addEventListener('toggle', async () => {
    if (!details.open || list.childElementCount) return;
    try {
      const records = await api.get(`${PATH}/${encodeURIComponent(page.source)}/refused-pages/${page.id}/records`);
      list.replaceChildren(...records.map((r) => el('div', { class: 'refused-record' },
        el('div', { class: 'small strong', text: t('exchange.refusedPages.record', { line: fmt.number(r.line) }) }),
        el('ul', { class: 'plain' }, ...(Array.isArray(r.problems) ? r.problems : []).map((p) => el('li', { text: problemText(p) }))),
        el('pre', { class: 'json', text: r.record }))));
    } catch (error) {
      renderError(list, error);
    }
  });
  return details;
}

function pageItem(page, reload) {
  const open = !page.decision;
  return el('article', { class: `refused-page${open ? ' refused-page-open' : ''}`, 'data-id': page.id, 'data-decision': page.decision ?? 'OPEN' },
    el('div', { class: 'refused-page-head' },
      el('span', { class: 'strong mono', text: page.source }), ' ',
      open ? badge(t('exchange.refusedPages.open'), 'danger')
        : badge(tEnum('exchange.refusedPages.decisionValue', page.decision), DECISION_TONES[page.decision] ?? 'neutral'), ' ',
      el('span', { class: 'muted small', text: t('exchange.refusedPages.cursor', { cursor: page.cursor || t('exchange.refusedPages.firstPage') }) }), ' · ',
      el('span', { class: 'muted small', text: t('exchange.refusedPages.records', { records: fmt.number(page.records ?? 0) }) }), ' · ',
      el('span', { class: 'muted small', title: fmt.dateTime(page.lastSeenAt),
        text: t('exchange.refusedPages.served', { times: fmt.number(page.timesServed ?? 1), when: fmt.relative(page.lastSeenAt) }) })),
    problemItems(page),
    open ? decisionForm(page, reload) : el('p', { class: 'small' }, el('span', {
      text: t('exchange.refusedPages.decided', {
        by: page.decidedBy ?? '', when: fmt.dateTime(page.decidedAt), accepted: fmt.number(page.accepted ?? 0), refused: fmt.number(page.refused ?? 0),
      }),
    }), page.decisionNote ? el('span', { class: 'muted', text: ` · ${page.decisionNote}` }) : null),
    !open && page.decision === 'ACCEPT_VALID' && Number(page.refused) > 0 ? refusedRecords(page) : null);
}

/** Per source: wait for the office's decision on each refused page, or take the valid records at once. */
function policyItem(source) {
  const status = el('span', { class: 'muted small', role: 'status' });
  const choice = el('select', { name: 'refusedPagePolicy', 'data-source': source.code, 'aria-label': t('exchange.refusedPages.policyTitle') },
    ...['HOLD', 'ACCEPT_VALID'].map((value) => el('option', { value, text: t(`exchange.refusedPages.policy.${value}`) })));
  choice.value = source.refusedPagePolicy ?? 'HOLD';
  choice.addEventListener('change', async () => {
    status.replaceChildren();
    try {
      const saved = await api.put(`${PATH}/${encodeURIComponent(source.code)}/refused-page-policy`, { refusedPagePolicy: choice.value });
      choice.value = saved.refusedPagePolicy;
      status.textContent = t('exchange.refusedPages.policySaved');
    } catch (error) {
      renderError(status, error);
      choice.value = source.refusedPagePolicy ?? 'HOLD';
    }
  });
  return el('li', { class: 'refused-policy' },
    el('span', { class: 'strong', text: source.name || source.code }), ' ', el('span', { class: 'mono muted small', text: source.code }), ' ',
    choice, ' ', status);
}

async function loadPolicies() {
  try {
    const sources = await api.get(PATH);
    $('exchange-refused-policy-list').replaceChildren(...sources.map(policyItem));
  } catch (error) {
    renderError($('exchange-refused-pages-error'), error);
  }
}

async function load() {
  $('exchange-refused-pages-error').replaceChildren();
  try {
    const pages = await api.get(`${PATH}/refused-pages`, { includeDecided: true });
    const openCount = pages.filter((p) => !p.decision).length;
    $('exchange-refused-pages-count').textContent = t('exchange.refusedPages.count', { open: fmt.number(openCount), total: fmt.number(pages.length) });
    $('exchange-refused-pages-alert').replaceChildren(...(openCount > 0
      ? [el('div', { class: 'alert alert-danger', role: 'alert', text: t('exchange.refusedPages.alert', { count: fmt.number(openCount) }) })]
      : []));
    $('exchange-refused-pages-list').replaceChildren(...(pages.length
      ? pages.map((p) => pageItem(p, load))
      : [el('p', { class: 'muted', text: t('exchange.refusedPages.empty') })]));
    $('exchange-refused-pages').setAttribute('data-loaded', 'true');
  } catch (error) {
    renderError($('exchange-refused-pages-error'), error);
  }
}

/** Once the page says it has loaded (and who is signed in is known): the office sees the panel. */
function startWhenLoaded() {
  const main = document.querySelector('main');
  if (!main) return;
  const check = () => {
    if (started || !main.getAttribute('data-loaded') || !isAdmin()) return;
    const sources = $('exchange-sources');
    if (!sources) return;
    started = true;
    sources.before(section());
    load();
    loadPolicies();
  };
  new MutationObserver(check).observe(main, { attributes: true, attributeFilter: ['data-loaded'] });
  check();
}

startWhenLoaded();
