// Quarantined records: what the platform sent about parties the registry does not know, waiting for
// their mapping. The office can re-attribute them at once instead of waiting for the scheduled run.

import { api } from '../api.js';
import { t, tEnum, fmt, storedReason } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { $ } from './context.js';
import { dash } from './format.js';
import { Pager } from './pager.js';
import { aliasForm } from './aliases.js';

let list;

function quarantineRow(q) {
  const record = q.record === null || q.record === undefined ? null
    : el('details', { class: 'record' },
      el('summary', { text: t('exchange.quarantine.showRecord') }),
      el('pre', { class: 'json', text: JSON.stringify(q.record, null, 2) }));
  const resolved = q.resolvedAt
    ? badge(t('exchange.quarantine.resolved'), 'ok')
    : badge(t('exchange.quarantine.waiting'), 'warn');
  if (q.resolvedAt) resolved.title = fmt.dateTime(q.resolvedAt);
  return el('tr', { 'data-id': q.id, 'data-resolved': q.resolvedAt ? 'true' : 'false' },
    el('td', { class: 'nowrap small', text: fmt.dateTime(q.receivedAt) }),
    el('td', { class: 'quarantine-reason' },
      q.kind ? el('span', { class: 'tag', text: tEnum('exchange.quarantineKind', q.kind) }) : null, ' ',
      el('span', { text: storedReason(q) || dash }),
      record),
    el('td', {}, unknownRefs(q)),
    el('td', {}, resolved));
}

let mayAttribute = false;

/** The references the registry does not know, each with a form to attribute it to a system (office only). */
function unknownRefs(q) {
  const refs = q.unknownRefs ?? [];
  if (!refs.length) return dash;
  return el('ul', { class: 'chip-list' }, refs.map((ref) => el('li', {},
    el('span', { class: 'chip mono', text: ref }),
    mayAttribute && !q.resolvedAt ? aliasForm(ref, () => reprocessAfterAlias()) : null)));
}

let reloadPage = async () => {};
/** A new alias: re-attribute what it resolves and show the figures that changed. */
const reprocessAfterAlias = () => reprocess(reloadPage);

/** The first page; resolves true on success. */
export const loadQuarantine = () => list.load();

/** Re-attributes what can be; reload() then shows the figures that changed. */
async function reprocess(reload) {
  const button = $('exchange-reprocess');
  const box = $('exchange-reprocess-result');
  button.disabled = true;
  box.replaceChildren();
  try {
    const result = await api.post('/api/v1/exchange/quarantine/reprocess');
    box.replaceChildren(el('div', { class: 'alert alert-ok', 'data-outcome': 'reprocessed' },
      t('exchange.quarantine.reprocessed', { resolved: fmt.number(result?.resolved ?? 0), remaining: fmt.number(result?.remaining ?? 0) })));
    // Re-attributed records now count for their organisations: every figure may have changed.
    await reload();
  } catch (error) {
    renderError(box, error);
  } finally {
    button.disabled = false;
  }
}

/** Shows the panel; with mayReprocess also the button, after which reload() runs. */
export function initQuarantine({ mayReprocess, reload }) {
  $('exchange-quarantine').hidden = false;
  mayAttribute = mayReprocess;
  reloadPage = reload;
  const table = $('exchange-quarantine-table');
  list = new Pager({
    path: '/api/v1/exchange/quarantine',
    params: () => ({ includeResolved: $('exchange-quarantine-resolved').checked ? 'true' : null }),
    nav: $('exchange-quarantine-pager'),
    errorBox: $('exchange-quarantine-error'),
    renderError,
    render: ({ items, total }) => {
      table.tBodies[0].replaceChildren(...(items.length ? items.map(quarantineRow) : [emptyRow(table, 'exchange.quarantine.empty')]));
      $('exchange-quarantine-count').textContent = t('exchange.quarantine.count', { total: fmt.number(total) });
    },
  });
  $('exchange-quarantine-resolved').addEventListener('change', () => loadQuarantine());
  if (mayReprocess) {
    $('exchange-reprocess').hidden = false;
    $('exchange-reprocess').addEventListener('click', () => reprocess(reload));
  }
}
