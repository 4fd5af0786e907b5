// The organisations table: what each provided and consumed in the period. Except for a department,
// a row drills down to that organisation (the whole page then shows its traffic).

import { t, fmt } from '../i18n.js';
import { el } from '../dom.js';
import { emptyRow, onChoose, rowProps } from '../registry.js';
import { $, currentOrg, isDepartment, orgName } from './context.js';
import { dash, millis, percent } from './format.js';

const callsOf = (o, side) => Number(o?.[side]?.calls ?? 0);

let onDrill = () => {};

export function renderOrgTable(organisations) {
  const table = $('exchange-org-table');
  const tbody = table.tBodies[0];
  const rows = [...(organisations ?? [])]
    .sort((a, b) => callsOf(b, 'provided') + callsOf(b, 'consumed') - callsOf(a, 'provided') - callsOf(a, 'consumed'));
  const drillable = !isDepartment();
  const selected = currentOrg();
  table.classList.toggle('table-hover', drillable);

  if (!rows.length) {
    tbody.replaceChildren(emptyRow(table, 'exchange.orgs.empty'));
  } else {
    tbody.replaceChildren(...rows.map((o) => {
      const props = drillable
        ? { ...rowProps(o.organisation, o.organisation === selected), title: t('exchange.orgs.drill', { name: orgName(o.organisation) }) }
        : { 'data-key': o.organisation, class: o.organisation === selected ? 'selected' : null };
      return el('tr', props,
        el('td', { class: 'name-cell', title: o.organisation, 'data-code': o.organisation }, el('span', { class: 'strong', text: orgName(o.organisation) })),
        el('td', { class: 'num', text: fmt.number(callsOf(o, 'provided')) }),
        el('td', { class: 'num', text: fmt.number(callsOf(o, 'consumed')) }),
        el('td', { class: 'num', text: callsOf(o, 'provided') > 0 ? percent(o.provided?.successRate) : dash }),
        el('td', { class: 'num', text: callsOf(o, 'provided') > 0 ? millis(o.provided?.avgLatencyMs) : dash }));
    }));
  }

  const hint = $('exchange-org-hint');
  if (drillable && selected) {
    hint.replaceChildren(
      el('span', { text: t('exchange.orgs.showing', { name: orgName(selected) }) }), ' ',
      el('button', { id: 'exchange-org-clear', type: 'button', class: 'btn btn-sm', text: t('exchange.orgs.showAll'), onclick: () => drillTo('') }));
  } else {
    hint.textContent = drillable ? t('exchange.orgs.hint') : t('registry.scopedToOwn');
  }
}

export function clearOrgTable() {
  $('exchange-org-table').tBodies[0].replaceChildren();
}

/** Makes code the selected organisation ('' for all) and lets the page reload its figures. */
function drillTo(code) {
  const select = $('exchange-org');
  if (select.disabled) return;
  if (code && ![...select.options].some((o) => o.value === code)) {
    select.append(el('option', { value: code, text: orgName(code) })); // traffic of an organisation the directory lacks
  }
  select.value = code;
  onDrill();
  window.scrollTo({ top: 0, behavior: 'smooth' });
}

/** Rows drill down on click, Enter or Space; reload() then shows the chosen organisation's figures. */
export function wireOrgTable(reload) {
  onDrill = reload;
  onChoose($('exchange-org-table').tBodies[0], 'tr[data-key]', (tr) => {
    if (!isDepartment()) drillTo(tr.dataset.key);
  });
}
