// Data exchange ("数据共享交换"): what the city data-sharing exchange platform carried in a period -
// summary cards, calls and failure rate over time, provider -> consumer flows, top resources, the
// organisations (a row drills down to one), this year against last year, anomalies to triage,
// zombie-system candidates, quarantined records and the pull collector's sources; one module each.
// Period and organisation are mirrored in the URL (?period=&organisation=); the server answers a
// DEPARTMENT user for its own organisation only.

import { api } from '../api.js';
import { initPage } from '../layout.js';
import { t, fmt } from '../i18n.js';
import { renderError, markLoaded } from '../dom.js';
import { chartFailed } from '../charts.js';
import { OrgDirectory, queryParams, writeQuery, selectIfOffered } from '../registry.js';
import { $, page, canSeeQuarantine, isAdmin, isDepartment, narrowingOrg, trafficParams } from './context.js';
import { DEFAULT_PERIOD, currentPeriod, safeRange } from './period.js';
import { renderCards } from './summary.js';
import { clearOrgTable, renderOrgTable, wireOrgTable } from './organisations.js';
import { renderTrend } from './trend.js';
import { renderFlows } from './flows.js';
import { RESOURCE_LIMIT, renderResources, resourcesFailed } from './resources.js';
import { renderYoy } from './year-over-year.js';
import { initAnomalies, loadAnomalies } from './anomalies.js';
import { renderZombies, zombiesFailed, zombiePaging, initZombies } from './zombies.js';
import { initQuarantine, loadQuarantine } from './quarantine.js';
import { initFaulty, loadFaulty } from './faulty.js';
import { renderSources, sourcesFailed } from './collector.js';
import { initThresholds, loadThresholds } from './thresholds.js';

let seq = 0;
let loadedOnce = false;

/** A chart's failure; its note would describe the previous data, so it goes. */
const chartFailedWithNote = (chart, note) => (error) => {
  $(note).textContent = '';
  chartFailed(chart, error);
};

/**
 * The panels that follow the period and organisation, each as request(params) -> render(data) or
 * fail(error). The summary comes first: whether it loads decides whether the page counts as loaded.
 */
function panels() {
  const list = [
    {
      request: (params) => api.get('/api/v1/exchange/summary', params),
      render: (s) => {
        renderCards(s?.total ?? {});
        renderOrgTable(s?.organisations ?? []);
      },
      fail: (error) => {
        renderError($('exchange-error'), error);
        $('exchange-cards').replaceChildren();
        clearOrgTable();
      },
    },
    {
      request: (params) => api.get('/api/v1/exchange/series', params),
      render: renderTrend,
      fail: chartFailedWithNote('chart-exchange-trend', 'exchange-trend-note'),
    },
    {
      request: (params) => api.get('/api/v1/exchange/flows', params),
      render: renderFlows,
      fail: chartFailedWithNote('chart-exchange-flows', 'exchange-flows-note'),
    },
    {
      request: (params) => api.get('/api/v1/exchange/top-resources', { ...params, limit: RESOURCE_LIMIT }),
      render: renderResources,
      fail: resourcesFailed,
    },
    {
      request: (params) => api.get('/api/v1/exchange/year-over-year', { year: page.range.year, organisation: params.organisation }),
      render: (result) => renderYoy(result, page.range.year),
      fail: chartFailedWithNote('chart-exchange-yoy', 'exchange-yoy-note'),
    },
    {
      request: (params) => api.get('/api/v1/exchange/zombies', { organisation: params.organisation, ...zombiePaging() }),
      render: renderZombies,
      fail: zombiesFailed,
    },
  ];
  if (isAdmin()) list.push({ request: () => api.get('/api/v1/exchange/sources'), render: renderSources, fail: sourcesFailed });
  return list;
}

/** Runs a panel's request and, unless a newer reload started meanwhile, renders or fails. Resolves true on success. */
async function loadPanel(mySeq, panel, params) {
  try {
    const data = await panel.request(params);
    if (mySeq !== seq) return false;
    panel.render(data);
    return true;
  } catch (error) {
    if (mySeq !== seq) return false;
    panel.fail(error);
    return false;
  }
}

/** Reloads every panel for the current period and organisation. */
async function reloadAll() {
  const mySeq = ++seq;
  if (loadedOnce) {
    const content = document.querySelector('main');
    content.setAttribute('data-loaded', 'false');
    content.setAttribute('aria-busy', 'true');
  }
  page.range = safeRange(currentPeriod());
  writeQuery({ period: currentPeriod(), organisation: narrowingOrg() });
  $('exchange-range').textContent = t('exchange.range', { from: fmt.dateTime(page.range.from), to: fmt.dateTime(page.range.to) });
  $('exchange-error').replaceChildren();

  const params = trafficParams();
  const loads = [...panels().map((panel) => loadPanel(mySeq, panel, params)), loadAnomalies()];
  if (canSeeQuarantine()) loads.push(loadQuarantine(), loadFaulty());

  const [summaryOk] = await Promise.all(loads);
  if (mySeq !== seq) return;
  if (!loadedOnce && !summaryOk) {
    markLoaded('error');
    return;
  }
  loadedOnce = true;
  markLoaded();
}

async function main() {
  const me = await initPage();
  if (!me) return;
  page.me = me;

  initAnomalies();
  if (canSeeQuarantine()) {
    initQuarantine({ mayReprocess: isAdmin(), reload: reloadAll });
    initFaulty();
  }
  if (isAdmin()) $('exchange-sources').hidden = false;
  initThresholds();
  loadThresholds();

  page.orgs = await OrgDirectory.load();
  page.orgs.fillSelect($('exchange-org'), me);

  const params = queryParams();
  if (!selectIfOffered($('exchange-period'), params.get('period'))) $('exchange-period').value = DEFAULT_PERIOD;
  if (!isDepartment()) selectIfOffered($('exchange-org'), params.get('organisation'));

  wireOrgTable(reloadAll);
  initZombies({ mayDecide: isAdmin(), reload: reloadAll });
  $('exchange-period').addEventListener('change', reloadAll);
  $('exchange-org').addEventListener('change', reloadAll);
  $('exchange-filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadAll();
  });

  await reloadAll();
}

main();
