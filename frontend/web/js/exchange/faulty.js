// Faulty op-monitoring records: records a security server sent that could not be taken as they are
// (incomplete, of the wrong type or out of bounds). They are kept with their reasons, never paired or
// counted, so the office can see what the platform sends and take it up with its operator.

import { t, fmt } from '../i18n.js';
import { el, fieldErrorText } from '../dom.js';
import { PagedList } from '../registry.js';
import { $ } from './context.js';

let list;

function faultyRow(f) {
  const reasons = Array.isArray(f.reasons) ? f.reasons : [];
  return el('tr', { 'data-id': f.id },
    el('td', { class: 'nowrap small', text: fmt.dateTime(f.receivedAt) }),
    el('td', { class: 'nowrap small', text: t('exchange.faulty.index', { index: fmt.number(f.recordIndex) }) }),
    el('td', { class: 'faulty-reasons' },
      el('ul', { class: 'plain' }, ...reasons.map((r) => el('li', { text: fieldErrorText(r) }))),
      el('details', { class: 'record' },
        el('summary', { text: t('exchange.quarantine.showRecord') }),
        el('pre', { class: 'json', text: JSON.stringify(f.record, null, 2) }))));
}

/** The first page; resolves true on success. */
export const loadFaulty = () => list.load();

export function initFaulty() {
  $('exchange-faulty').hidden = false;
  list = new PagedList({
    path: '/api/v1/exchange/opmon/faulty',
    params: () => ({}),
    table: $('exchange-faulty-table'),
    loadMore: $('exchange-faulty-more'),
    errorBox: $('exchange-faulty-error'),
    row: faultyRow,
    emptyKey: 'exchange.faulty.empty',
    count: $('exchange-faulty-count'),
    countKey: 'exchange.faulty.count',
  });
}
