// The pull collector's sources (for the office): schedule, cursor, failures and the latest runs.

import { t, tEnum, fmt, storedReason } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { $ } from './context.js';
import { dash, duration, parseTime } from './format.js';

const RECENT_RUNS = 5;
const RUN_TONES = { SUCCEEDED: 'ok', FAILED: 'danger', RUNNING: 'info' };

const startedMs = (run) => parseTime(run.startedAt)?.getTime() ?? 0;
const runsNewestFirst = (runs) => [...(runs ?? [])].sort((a, b) => startedMs(b) - startedMs(a) || Number(b.id ?? 0) - Number(a.id ?? 0));

function runBadge(status) {
  const node = badge(tEnum('exchange.runStatus', status), RUN_TONES[status] ?? 'neutral');
  node.setAttribute('data-value', status);
  return node;
}

function runItem(run) {
  return el('li', { class: 'run', 'data-status': run.status },
    el('span', { class: `dot dot-${RUN_TONES[run.status] ?? 'neutral'}`, 'aria-hidden': 'true' }),
    el('span', { class: 'run-body' },
      el('span', { class: 'run-time', text: fmt.dateTime(run.startedAt) }), ' ',
      el('span', { text: tEnum('exchange.runStatus', run.status) }), ' · ',
      el('span', { text: t('exchange.sources.runRecords', { records: fmt.number(run.records ?? 0) }) }),
      Number(run.attempts) > 1 ? el('span', { class: 'muted', text: ` · ${t('exchange.sources.attempts', { attempts: fmt.number(run.attempts) })}` }) : null,
      run.error ? el('span', { class: 'run-error', text: storedReason(run, 'error') }) : null));
}

function lastRunCell(last) {
  if (!last) return el('td', {}, el('span', { class: 'muted', text: t('exchange.sources.noRuns') }));
  const when = last.finishedAt ?? last.startedAt;
  return el('td', {},
    runBadge(last.status),
    el('div', { class: 'muted small', title: fmt.dateTime(when), text: fmt.relative(when) }),
    last.error ? el('div', { class: 'run-error small', text: storedReason(last, 'error') }) : null);
}

function sourceRow(s) {
  const runs = runsNewestFirst(s.runs);
  return el('tr', { 'data-key': s.code },
    el('td', { class: 'source-cell' },
      el('div', { class: 'strong', text: s.name || s.code }),
      el('div', { class: 'mono muted small', text: s.code }),
      s.url ? el('div', { class: 'mono small source-url', text: s.url }) : null,
      s.cursor ? el('div', { class: 'muted small', text: t('exchange.sources.cursor', { cursor: s.cursor }) }) : null),
    el('td', {}, s.enabled ? badge(t('exchange.sources.enabled'), 'ok') : badge(t('exchange.sources.disabled'), 'neutral')),
    el('td', { class: 'num nowrap', text: t('exchange.sources.every', { interval: duration(s.intervalSeconds) }) }),
    lastRunCell(runs[0]),
    el('td', { class: 'nowrap small', title: fmt.dateTime(s.nextRunAt), text: s.enabled ? fmt.relative(s.nextRunAt) : dash }),
    el('td', { class: Number(s.failures) > 0 ? 'num text-danger strong' : 'num', text: fmt.number(s.failures ?? 0) }),
    el('td', { class: 'runs-cell' }, runs.length
      ? el('ul', { class: 'run-list' }, runs.slice(0, RECENT_RUNS).map(runItem))
      : el('span', { class: 'muted', text: t('exchange.sources.noRuns') })));
}

export function renderSources(sources) {
  $('exchange-sources-error').replaceChildren();
  const table = $('exchange-source-table');
  const list = Array.isArray(sources) ? sources : sources?.items ?? [];
  table.tBodies[0].replaceChildren(...(list.length ? list.map(sourceRow) : [emptyRow(table, 'exchange.sources.empty')]));
}

export const sourcesFailed = (error) => renderError($('exchange-sources-error'), error);
