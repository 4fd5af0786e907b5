// Data rooms (政务数据机房): who owns each, how full it is, where its move onto the government cloud
// stands; added, edited and retired through the registry form.

import { el } from './dom.js';
import { fmt } from './i18n.js';
import { enumBadge } from './registry.js';
import { startFacilityPage } from './facility-page.js';

startFacilityPage({
  prefix: 'dataRoom',
  form: 'dataRoom',
  path: '/api/v1/data-rooms',
  headKey: 'dataRoom.detail.basic',
  selects: [{ id: 'dataRoom-status-filter', param: 'migrationStatus', kind: 'migrationStatus' }],
  columns: (r, page) => [
    el('td', { class: 'name-cell', text: page.orgs.name(r.organisationCode) }),
    el('td', {}, enumBadge('migrationStatus', r.migrationStatus)),
    el('td', { class: 'num', text: r.utilisationPercent === null ? '' : `${fmt.number(r.utilisationPercent)}%` }),
    el('td', { class: 'num', text: r.annualOmCost === null ? '' : fmt.number(r.annualOmCost) }),
  ],
});
