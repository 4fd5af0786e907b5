// What the exchange page's sections share: who is signed in, the organisation directory, the period
// being shown and the organisation chosen.

import { el } from '../dom.js';
import { OrgDirectory, isScoped } from '../registry.js';
import { isoWithOffset } from './period.js';

export const $ = (id) => document.getElementById(id);

export const page = {
  me: null,
  orgs: new OrgDirectory(),
  /** {from, to, year} being shown (see period.js). */
  range: null,
};

export const isAdmin = () => page.me?.role === 'EGOV_ADMIN';
export const canSeeQuarantine = () => ['EGOV_ADMIN', 'AUDITOR'].includes(page.me?.role);
/** A department sees its own organisation only; the server enforces it, the page does not offer others. */
export const isDepartment = () => isScoped(page.me);

/** The selected organisation code, or null for all. A department's locked select holds its own. */
export const currentOrg = () => $('exchange-org').value || null;

/** The organisation chosen to narrow lists the API does not filter itself (never for a department). */
export const narrowingOrg = () => (isDepartment() ? null : currentOrg());

/** Parameters every traffic call gets. */
export function trafficParams() {
  return { from: isoWithOffset(page.range.from), to: isoWithOffset(page.range.to), organisation: currentOrg() };
}

export const orgName = (code) => (code === null || code === undefined || code === '' ? '' : page.orgs.name(code));

/** A table cell naming an organisation, its code in the tooltip; a dash when there is none. */
export function orgCell(code, className = 'name-cell') {
  if (code === null || code === undefined || code === '') return el('td', { class: className, text: '—' });
  return el('td', { class: className, title: code, 'data-code': code, text: orgName(code) });
}
