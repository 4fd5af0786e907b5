// Attributing an unknown exchange-platform reference to a system: the office picks the system (by name or
// code) and the reference becomes one of its exchange aliases (交换平台标识); the quarantined records it
// names are then re-attributed. The alias is stored on the system record, so the systems page shows it too.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { el, renderError } from '../dom.js';
import { systems } from '../names.js';

let seq = 0;

/** The <datalist> of every system the office may pick, "name (code)" -> code; built once. */
function systemList() {
  let list = document.getElementById('exchange-system-options');
  if (!list) {
    list = el('datalist', { id: 'exchange-system-options' });
    document.body.append(list);
    systems.load().then(() => {
      list.replaceChildren(...[...systems.names.entries()].map(([code, name]) => el('option', { value: code, label: `${name}（${code}）` })));
    });
  }
  return list;
}

/** A small form beside an unknown reference; onDone() runs after the alias was saved. */
export function aliasForm(ref, onDone) {
  systemList();
  const id = `exchange-alias-${++seq}`;
  const input = el('input', {
    id, type: 'text', class: 'input-sm', list: 'exchange-system-options', autocomplete: 'off', spellcheck: 'false',
    placeholder: t('exchange.alias.placeholder'), 'aria-label': t('exchange.alias.label', { ref }),
  });
  const status = el('div', { class: 'small', role: 'status' });
  const button = el('button', { type: 'submit', class: 'btn btn-sm', text: t('exchange.alias.submit') });
  const form = el('form', { class: 'alias-form', 'data-ref': ref, novalidate: true },
    el('label', { class: 'visually-hidden', for: id, text: t('exchange.alias.label', { ref }) }), input, button, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = input.value.trim();
    status.replaceChildren();
    if (!code) {
      status.textContent = t('exchange.alias.choose');
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const system = await api.get(`/api/v1/systems/${encodeURIComponent(code)}`);
      const aliases = [...new Set([...(system.exchangeAliases ?? []), ref])];
      await api.put(`/api/v1/systems/${encodeURIComponent(code)}`, { ...system, exchangeAliases: aliases });
      status.replaceChildren(el('span', { class: 'text-ok', 'data-outcome': 'aliased', text: t('exchange.alias.saved', { name: systems.name(code) ?? code }) }));
      await onDone();
    } catch (error) {
      renderError(status, error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
