// Connection targets (接入监测对象): the front-end processors, interfaces and the provincial link that
// connection monitoring watches, each belonging to its system's organisation; added, edited and retired
// through the registry form.

import { el } from './dom.js';
import { enumLabel } from './registry.js';
import { startFacilityPage } from './facility-page.js';

startFacilityPage({
  prefix: 'target',
  form: 'target',
  path: '/api/v1/connection-targets',
  headKey: 'target.detail.basic',
  selects: [{ id: 'target-kind-filter', param: 'kind', kind: 'targetKind' }],
  columns: (r, page) => [
    el('td', { class: 'mono', text: r.systemCode }),
    el('td', { class: 'name-cell', text: page.orgs.name(r.organisationCode) }),
    el('td', { text: enumLabel('targetKind', r.kind) }),
    el('td', { text: enumLabel('probe', r.probe) }),
  ],
});
