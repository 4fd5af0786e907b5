// Zombie-system candidates: systems in use that carried no exchange traffic for a long time.

import { t, fmt, storedReason } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { emptyRow } from '../registry.js';
import { $, narrowingOrg, orgName } from './context.js';
import { dash, isEmptyValue } from './format.js';

function zombieRow(z) {
  return el('tr', { 'data-key': z.systemCode },
    el('td', { class: 'name-cell', title: z.aliases?.length ? t('exchange.zombies.aliases', { aliases: z.aliases.join(', ') }) : null },
      el('div', { class: 'strong', text: z.systemName || z.systemCode }),
      el('div', { class: 'mono muted small nowrap', text: z.systemCode })),
    el('td', { class: 'name-cell', text: orgName(z.organisationCode) }),
    el('td', { class: 'nowrap' }, z.lastTraffic
      ? el('span', { title: fmt.dateTime(z.lastTraffic), text: fmt.date(z.lastTraffic) })
      : badge(t('exchange.zombies.never'), 'danger')),
    el('td', { class: 'zombie-reason', text: storedReason(z) || dash }));
}

export function renderZombies(result) {
  $('exchange-zombies-error').replaceChildren();
  const table = $('exchange-zombie-table');
  const org = narrowingOrg();
  const items = (result?.items ?? []).filter((z) => !org || z.organisationCode === org);
  const since = result?.since ? fmt.date(result.since) : null;
  $('exchange-zombies-note').textContent = isEmptyValue(result?.days)
    ? ''
    : t(since ? 'exchange.zombies.noteSince' : 'exchange.zombies.note', { days: fmt.number(result.days), since });
  table.tBodies[0].replaceChildren(...(items.length ? items.map(zombieRow) : [emptyRow(table, 'exchange.zombies.empty')]));
}

export const zombiesFailed = (error) => renderError($('exchange-zombies-error'), error);
