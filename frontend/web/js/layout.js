// Shared page shell for every signed-in page: header with product name, role-filtered
// navigation (from the one list of pages below), the signed-in user, language switch and logout.
// The pages' HTML holds only their own content; the header is built here.
//
// Usage in a page module:
//   const me = await initPage();
//   if (!me) return;   // not signed in / not allowed / error: the shell has said so already

import { api, csrfToken } from './api.js';
import { initI18n, getLanguage, setLanguage, LANGUAGES, t, tEnum } from './i18n.js';
import { el, badge, renderError, markLoaded } from './dom.js';

/**
 * Navigation entries, in display order within their group. To add a page, add one line:
 *   key   - message key of the link text
 *   href  - link target
 *   paths - request paths that count as "this page" (for highlighting and the role check);
 *           defaults to [href]
 *   roles - roles that may see the page; omit for everyone
 *   group - one of NAV_GROUPS' ids; omit for DEFAULT_NAV_GROUP
 */
export const NAV_ITEMS = [
  { key: 'nav.overview', href: '/', paths: ['/', '/index.html'], group: 'overview' },
  { key: 'nav.tasks', href: '/tasks.html', paths: ['/tasks.html', '/tasks'], group: 'overview' },
  { key: 'nav.exchange', href: '/exchange.html', paths: ['/exchange.html', '/exchange'], group: 'exchange' },
  { key: 'nav.connections', href: '/connections.html', paths: ['/connections.html', '/connections', '/connection.html', '/connection-admin.html'], group: 'connection' },
  { key: 'nav.targets', href: '/connection-targets.html', paths: ['/connection-targets.html', '/connection-targets'], group: 'connection' },
  { key: 'nav.organisations', href: '/organisations.html', paths: ['/organisations.html', '/organisations'], group: 'registry' },
  { key: 'nav.systems', href: '/systems.html', paths: ['/systems.html', '/systems'], group: 'registry' },
  { key: 'nav.catalogue', href: '/catalogue.html', paths: ['/catalogue.html', '/catalogue'], group: 'registry' },
  { key: 'nav.networks', href: '/networks.html', paths: ['/networks.html', '/networks'], group: 'registry' },
  { key: 'nav.dataRooms', href: '/data-rooms.html', paths: ['/data-rooms.html', '/data-rooms'], group: 'registry' },
  { key: 'nav.filings', href: '/filings.html', paths: ['/filings.html'], group: 'filing' },
  { key: 'nav.eligibility', href: '/eligibility.html', paths: ['/eligibility.html'], group: 'filing' },
  { key: 'nav.effectiveness', href: '/effectiveness.html', paths: ['/effectiveness.html'], roles: ['AUDITOR', 'EGOV_ADMIN', 'LEADER', 'FINANCE'], group: 'filing' },
  { key: 'nav.annualReport', href: '/annual-report.html', paths: ['/annual-report.html', '/annual-report-print.html'], roles: ['LEADER', 'DEPARTMENT', 'EGOV_ADMIN', 'AUDITOR', 'FINANCE'], group: 'assessment' },
  { key: 'nav.annualReportOverview', href: '/annual-reports.html', paths: ['/annual-reports.html'], roles: ['LEADER', 'EGOV_ADMIN', 'AUDITOR', 'FINANCE'], group: 'assessment' },
  { key: 'nav.assessmentBoard', href: '/assessment.html', paths: ['/assessment.html'], group: 'assessment' },
  { key: 'nav.assessmentScorecard', href: '/assessment-scorecard.html', paths: ['/assessment-scorecard.html'], group: 'assessment' },
  { key: 'nav.assessmentMethodology', href: '/assessment-methodology.html', paths: ['/assessment-methodology.html'], group: 'assessment' },
  { key: 'nav.assessmentChallenges', href: '/assessment-challenges.html', paths: ['/assessment-challenges.html'], group: 'assessment' },
  { key: 'nav.import', href: '/import.html', paths: ['/import.html', '/import'], roles: ['EGOV_ADMIN', 'DEPARTMENT'], group: 'admin' },
  { key: 'nav.audit', href: '/audit.html', paths: ['/audit.html', '/audit'], roles: ['AUDITOR', 'EGOV_ADMIN'], group: 'admin' },
  { key: 'nav.users', href: '/users.html', paths: ['/users.html', '/users'], roles: ['EGOV_ADMIN'], group: 'admin' },
  { key: 'nav.tokens', href: '/tokens.html', paths: ['/tokens.html', '/tokens'], roles: ['EGOV_ADMIN'], group: 'admin' },
  { key: 'nav.status', href: '/status.html', paths: ['/status.html', '/status'], roles: ['EGOV_ADMIN'], group: 'admin' },
];

/**
 * The navigation's groups, in display order; each is a menu of its entries (a plain link when it holds one).
 * A group nobody can see an entry of is left out, so groups may wait for their pages:
 *   overview   概览              the overview and key tasks
 *   exchange   数据交换           exchange metrics
 *   connection 网络连通           connection status, connection targets
 *   registry   资源目录与系统      organisations, systems, catalogue, networks, data rooms
 *   filing     项目备案与资金      project filings, funding eligibility
 *   assessment 年度报告与评估      annual reports, the yearly assessment
 *   admin      管理              import, audit trail, users, tokens
 *   more       更多              entries not yet given a group
 */
export const NAV_GROUPS = [
  { id: 'overview', key: 'nav.group.overview' },
  { id: 'exchange', key: 'nav.group.exchange' },
  { id: 'connection', key: 'nav.group.connection' },
  { id: 'registry', key: 'nav.group.registry' },
  { id: 'filing', key: 'nav.group.filing' },
  { id: 'assessment', key: 'nav.group.assessment' },
  { id: 'more', key: 'nav.group.more' },
  { id: 'admin', key: 'nav.group.admin' },
];

export const DEFAULT_NAV_GROUP = 'more';

/** The signed-in person's own account page (password change), linked from the header rather than the nav. */
const ACCOUNT_PAGE = '/account.html';

const isVisibleTo = (item, role) => !item.roles || item.roles.includes(role);
const pathsOf = (item) => item.paths ?? [item.href];

/** The navigation entry for the current URL, if any. */
function currentNavItem() {
  const path = window.location.pathname;
  return NAV_ITEMS.find((item) => pathsOf(item).includes(path)) ?? null;
}

/** <select id="lang-switch"> that switches (and reloads) the page language. */
export function languageSwitch() {
  const current = getLanguage();
  const select = el('select', {
    id: 'lang-switch',
    class: 'lang-switch',
    'aria-label': t('lang.label'),
    title: t('lang.label'),
    onchange: (event) => setLanguage(event.target.value),
  });
  for (const lang of LANGUAGES) {
    select.append(el('option', { value: lang, selected: lang === current, text: t(`lang.${lang}`) }));
  }
  return select;
}

/** Posts a throw-away form to /logout, so that the server ends the session and redirects. */
function logout() {
  const form = el('form', { method: 'post', action: '/logout', hidden: true },
    el('input', { type: 'hidden', name: '_csrf', value: csrfToken() }));
  document.body.append(form);
  form.submit();
}

function brand() {
  return el('a', { class: 'brand', href: '/' },
    el('span', { class: 'brand-emblem', 'aria-hidden': 'true' }),
    el('span', { class: 'brand-text' },
      el('span', { class: 'brand-name', text: 'GovShare' }),
      el('span', { class: 'brand-sub', text: t('app.subtitle') })));
}

const groupOf = (item) => (NAV_GROUPS.some((g) => g.id === item.group) ? item.group : DEFAULT_NAV_GROUP);

function navLink(item, active) {
  return el('a', {
    href: item.href,
    class: item === active ? 'nav-link active' : 'nav-link',
    'aria-current': item === active ? 'page' : null,
    text: t(item.key),
  });
}

/** Closes every open group menu but `except`. */
function closeMenus(nav, except = null) {
  for (const toggle of nav.querySelectorAll('.nav-group-toggle[aria-expanded="true"]')) {
    if (toggle !== except) {
      toggle.setAttribute('aria-expanded', 'false');
      document.getElementById(toggle.getAttribute('aria-controls')).hidden = true;
    }
  }
}

/**
 * One group: a button that opens its menu of links (disclosure pattern: Enter/Space toggles, Arrow keys move
 * through the links, Escape closes and returns to the button); a single entry is a plain link.
 */
function navGroup(group, items, active, nav) {
  if (items.length === 1) {
    return el('li', { class: 'nav-item', 'data-group': group.id }, navLink(items[0], active));
  }
  const id = `nav-menu-${group.id}`;
  const current = items.includes(active);
  const menu = el('ul', { id, class: 'nav-menu', hidden: true }, ...items.map((item) => el('li', {}, navLink(item, active))));
  const toggle = el('button', {
    type: 'button',
    class: current ? 'nav-group-toggle active' : 'nav-group-toggle',
    'aria-expanded': 'false',
    'aria-controls': id,
    text: t(group.key),
  });
  const links = () => [...menu.querySelectorAll('a')];
  const open = (focus) => {
    closeMenus(nav, toggle);
    toggle.setAttribute('aria-expanded', 'true');
    menu.hidden = false;
    if (focus === 'first') links()[0].focus();
    if (focus === 'last') links().at(-1).focus();
  };
  const close = () => {
    toggle.setAttribute('aria-expanded', 'false');
    menu.hidden = true;
  };
  toggle.addEventListener('click', () => (toggle.getAttribute('aria-expanded') === 'true' ? close() : open()));
  toggle.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { event.preventDefault(); open('first'); }
    if (event.key === 'ArrowUp') { event.preventDefault(); open('last'); }
    if (event.key === 'Escape') close();
  });
  menu.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown') { event.preventDefault(); all[(at + 1) % all.length].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); all[(at - 1 + all.length) % all.length].focus(); }
    if (event.key === 'Home') { event.preventDefault(); all[0].focus(); }
    if (event.key === 'End') { event.preventDefault(); all.at(-1).focus(); }
    if (event.key === 'Escape') { event.preventDefault(); close(); toggle.focus(); }
  });
  return el('li', { class: current ? 'nav-item nav-group current' : 'nav-item nav-group', 'data-group': group.id }, toggle, menu);
}

function navigation(role) {
  const active = currentNavItem();
  const visible = NAV_ITEMS.filter((i) => isVisibleTo(i, role));
  const list = el('ul', { id: 'nav-list', class: 'nav-list' });
  const nav = el('nav', { class: 'app-nav', 'aria-label': t('nav.label') });
  for (const group of NAV_GROUPS) {
    const items = visible.filter((i) => groupOf(i) === group.id);
    if (items.length > 0) list.append(navGroup(group, items, active, nav));
  }
  // narrow screens: the whole list folds behind one button
  const menuButton = el('button', {
    type: 'button', id: 'nav-toggle', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav-list',
    text: active ? `${t('nav.menu')} · ${t(active.key)}` : t('nav.menu'),
  });
  menuButton.addEventListener('click', () => {
    const expanded = menuButton.getAttribute('aria-expanded') === 'true';
    menuButton.setAttribute('aria-expanded', String(!expanded));
    nav.classList.toggle('nav-open', !expanded);
  });
  // a menu closes when focus or a click goes elsewhere
  document.addEventListener('click', (event) => { if (!nav.contains(event.target)) closeMenus(nav); });
  nav.addEventListener('focusout', (event) => { if (!nav.contains(event.relatedTarget)) closeMenus(nav); });
  nav.append(el('div', { class: 'container' }, menuButton, list));
  return nav;
}

function currentUser(me) {
  return el('div', { id: 'current-user', class: 'current-user' },
    el('a', { id: 'account-link', class: 'user-name', href: ACCOUNT_PAGE, title: t('account.link'), text: me.displayName || me.username }),
    badge(tEnum('role', me.role), 'info'),
    me.organisation ? el('span', { class: 'user-org', text: me.organisation.name }) : null);
}

/** The header, first in <body>: pages carry no header markup of their own. */
function renderHeader(me) {
  const tools = el('div', { class: 'header-tools' });
  if (me) tools.append(currentUser(me));
  tools.append(languageSwitch());
  if (me) {
    tools.append(el('button', { id: 'logout', type: 'button', class: 'btn btn-header', text: t('action.logout'), onclick: logout }));
  }
  document.body.prepend(el('header', { id: 'app-header', class: 'app-header' },
    el('div', { class: 'header-bar' }, el('div', { class: 'container header-inner' }, brand(), tools)),
    me ? navigation(me.role) : null));
}

/**
 * Translates the page, loads the signed-in user and builds the header.
 * Resolves with the `me` object, or null when the page must not render its content (the
 * user's role may not see it, or /me failed); in that case <main> already shows why.
 * A 401 never resolves: api.js is redirecting to /login. The error page passes {errorPage: true}.
 */
export async function initPage({ errorPage = false } = {}) {
  await initI18n();
  const main = document.querySelector('main');

  let me;
  try {
    me = await api.get('/api/v1/me');
  } catch (error) {
    renderHeader(null);
    renderError(main, error);
    markLoaded('error');
    return null;
  }

  renderHeader(me);

  // A password the office chose (new account, reset) is replaced by its owner before anything else.
  if (me.passwordChangeRequired && window.location.pathname !== ACCOUNT_PAGE) {
    window.location.assign(ACCOUNT_PAGE);
    return new Promise(() => {});
  }

  const item = currentNavItem();
  // the error page may stand at any address, a forbidden page's included: it says why itself
  if (item && !errorPage && !isVisibleTo(item, me.role)) {
    main.replaceChildren(el('div', { class: 'container' },
      el('div', { class: 'alert alert-warn', role: 'alert', text: t('error.forbiddenPage') })));
    markLoaded();
    return null;
  }
  return me;
}
