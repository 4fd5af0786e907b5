// The busiest shared resources of the period.

import { fmt } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { resources, named } from '../names.js';
import { $, orgCell } from './context.js';
import { dash, num, percent } from './format.js';
import { SUCCESS_RATE_WARN } from './summary.js';

export const RESOURCE_LIMIT = 10;

function rateBadge(rate) {
  const tone = rate >= 0.99 ? 'ok' : rate >= SUCCESS_RATE_WARN ? 'warn' : 'danger';
  return badge(percent(rate), tone);
}

/** Draws the table once the resources' names are known (codes alone until then). */
export async function renderResources(result) {
  await resources.load();
  const table = $('exchange-resources');
  const rows = result?.resources ?? [];
  if (!rows.length) {
    table.tBodies[0].replaceChildren(emptyRow(table, 'exchange.resources.empty'));
    return;
  }
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const calls = Number(r.calls ?? 0);
    const rate = r.successRate ?? (calls > 0 ? (calls - Number(r.failedCalls ?? 0)) / calls : null);
    return el('tr', { 'data-key': r.resource },
      el('td', { class: 'name-cell' }, named(r.resource, resources.name(r.resource))),
      orgCell(r.provider),
      el('td', { class: 'num', text: fmt.number(calls) }),
      el('td', { class: Number(r.failedCalls) > 0 ? 'num text-danger' : 'num', text: num(r.failedCalls ?? 0) }),
      el('td', { class: 'num', text: num(r.records ?? 0) }),
      el('td', { class: 'num' }, rate === null ? dash : rateBadge(rate)));
  }));
}

/** The failure, in the table's one row. */
export function resourcesFailed(error) {
  const table = $('exchange-resources');
  const box = el('div');
  renderError(box, error);
  table.tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: table.tHead.rows[0].cells.length }, box)));
}
