// Faulty op-monitoring records: records a security server sent that could not be taken as they are
// (incomplete, of the wrong type or out of bounds). They are kept with their reasons, never paired or
// counted, so the office can see what the platform sends and take it up with its operator.

import { t, fmt } from '../i18n.js';
import { el, fieldErrorText, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { $ } from './context.js';
import { Pager } from './pager.js';

let list;

/** A reason, with the value sent when the server gave it (a long one arrives cut short, an unstorable one escaped). */
function reasonLine(r) {
  const text = fieldErrorText(r);
  const sent = r.value === undefined || r.value === null || r.value === '' ? null : String(r.value);
  return sent === null ? text : t('exchange.faulty.reasonWithValue', { reason: text, value: sent });
}

function faultyRow(f) {
  const reasons = Array.isArray(f.reasons) ? f.reasons : [];
  return el('tr', { 'data-id': f.id },
    el('td', { class: 'nowrap small', text: fmt.dateTime(f.receivedAt) }),
    el('td', { class: 'nowrap small', text: t('exchange.faulty.index', { index: fmt.number(f.recordIndex) }) }),
    el('td', { class: 'faulty-reasons' },
      el('ul', { class: 'plain' }, ...reasons.map((r) => el('li', { text: reasonLine(r) }))),
      el('details', { class: 'record' },
        el('summary', { text: t('exchange.quarantine.showRecord') }),
        el('pre', { class: 'json', text: JSON.stringify(f.record, null, 2) }))));
}

/** The first page; resolves true on success. */
export const loadFaulty = () => list.load();

export function initFaulty() {
  $('exchange-faulty').hidden = false;
  const table = $('exchange-faulty-table');
  list = new Pager({
    path: '/api/v1/exchange/opmon/faulty',
    params: () => ({}),
    nav: $('exchange-faulty-pager'),
    errorBox: $('exchange-faulty-error'),
    renderError,
    render: ({ items, total }) => {
      table.tBodies[0].replaceChildren(...(items.length ? items.map(faultyRow) : [emptyRow(table, 'exchange.faulty.empty')]));
      $('exchange-faulty-count').textContent = t('exchange.faulty.count', { total: fmt.number(total) });
    },
  });
}
