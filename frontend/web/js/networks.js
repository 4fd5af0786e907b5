// Private business networks (业务专网): who owns each, how much it is used, where its move onto the
// e-government extranet stands; added, edited and retired through the registry form.

import { el } from './dom.js';
import { fmt } from './i18n.js';
import { enumBadge } from './registry.js';
import { startFacilityPage } from './facility-page.js';

startFacilityPage({
  prefix: 'network',
  form: 'network',
  path: '/api/v1/networks',
  headKey: 'network.detail.basic',
  selects: [
    { id: 'network-status-filter', param: 'migrationStatus', kind: 'migrationStatus' },
    { id: 'network-classified-filter', param: 'classified' },
  ],
  columns: (r, page) => [
    el('td', { class: 'name-cell', text: page.orgs.name(r.organisationCode) }),
    el('td', {}, enumBadge('migrationStatus', r.migrationStatus)),
    el('td', { class: 'num', text: r.utilisationPercent === null ? '' : `${fmt.number(r.utilisationPercent)}%` }),
    el('td', { class: 'num', text: r.annualOmCost === null ? '' : fmt.number(r.annualOmCost) }),
  ],
});
