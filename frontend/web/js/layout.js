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
 * Navigation entries, in display order. To add a page, add one line:
 *   key   - message key of the link text
 *   href  - link target
 *   paths - request paths that count as "this page" (for highlighting and the role check);
 *           defaults to [href]
 *   roles - roles that may see the page; omit for everyone
 */
export const NAV_ITEMS = [
  { key: 'nav.overview', href: '/', paths: ['/', '/index.html'], group: 'overview' },
  { key: 'nav.organisations', href: '/organisations.html', paths: ['/organisations.html', '/organisations'] },
  { key: 'nav.systems', href: '/systems.html', paths: ['/systems.html', '/systems'] },
  { key: 'nav.catalogue', href: '/catalogue.html', paths: ['/catalogue.html', '/catalogue'] },
  { key: 'nav.networks', href: '/networks.html', paths: ['/networks.html', '/networks'] },
  { key: 'nav.dataRooms', href: '/data-rooms.html', paths: ['/data-rooms.html', '/data-rooms'] },
  { key: 'nav.targets', href: '/connection-targets.html', paths: ['/connection-targets.html', '/connection-targets'] },
  { key: 'nav.exchange', href: '/exchange.html', paths: ['/exchange.html', '/exchange'] },
  { key: 'nav.connections', href: '/connections.html', paths: ['/connections.html', '/connections', '/connection.html', '/connection-admin.html'] },
  { key: 'nav.tasks', href: '/tasks.html', paths: ['/tasks.html', '/tasks'] },
  { key: 'nav.annualReport', href: '/annual-report.html', paths: ['/annual-report.html', '/annual-report-print.html'], roles: ['LEADER', 'DEPARTMENT', 'EGOV_ADMIN', 'AUDITOR'], group: 'reports' },
  { key: 'nav.annualReportOverview', href: '/annual-reports.html', paths: ['/annual-reports.html'], roles: ['LEADER', 'EGOV_ADMIN', 'AUDITOR'], group: 'reports' },
  { key: 'nav.import', href: '/import.html', paths: ['/import.html', '/import'], roles: ['EGOV_ADMIN', 'DEPARTMENT'] },
  { key: 'nav.audit', href: '/audit.html', paths: ['/audit.html', '/audit'], roles: ['AUDITOR', 'EGOV_ADMIN'] },
  { key: 'nav.users', href: '/users.html', paths: ['/users.html', '/users'], roles: ['EGOV_ADMIN'] },
  { key: 'nav.tokens', href: '/tokens.html', paths: ['/tokens.html', '/tokens'], roles: ['EGOV_ADMIN'] },
  { key: 'nav.status', href: '/status.html', paths: ['/status.html', '/status'], roles: ['EGOV_ADMIN'], group: 'admin' },
];

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

function navigation(role) {
  const active = currentNavItem();
  const list = el('ul', { class: 'nav-list' });
  for (const item of NAV_ITEMS.filter((i) => isVisibleTo(i, role))) {
    list.append(el('li', {},
      el('a', {
        href: item.href,
        class: item === active ? 'nav-link active' : 'nav-link',
        'aria-current': item === active ? 'page' : null,
        text: t(item.key),
      })));
  }
  return el('nav', { class: 'app-nav', 'aria-label': t('nav.label') }, el('div', { class: 'container' }, list));
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
