// Auditors' effectiveness view of special funds (审计：专项资金效益): funded systems with measured use, funded
// systems that are zombie candidates or not connected, O&M cost by organisation and status, decisions against verdicts.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, renderError, markLoaded } from './dom.js';
import { yearSelect, money, table, factNote } from './funding-common.js';
import { OrgDirectory } from './registry.js';

const $ = (id) => document.getElementById(id);
let orgs = new OrgDirectory();

const yes = (v) => (v === null || v === undefined ? t('effectiveness.unknown') : t(v ? 'common.yes' : 'common.no'));

function systems(list, id) {
  return table(['effectiveness.system', 'filing.field.organisation', 'effectiveness.fundedOm', 'effectiveness.connected', 'effectiveness.zombie'],
    list.map((s) => el('tr', {}, el('td', {}, el('a', { href: `/systems.html?code=${s.systemCode}`, text: s.systemName })),
      el('td', { text: orgs.name(s.organisationCode) }), el('td', { class: 'num', text: money(s.fundedOm) }),
      el('td', { text: yes(s.connected), title: factNote(s.connection) }), el('td', { text: yes(s.zombie) }))), id);
}

async function load(year) {
  const e = await api.get('/api/v1/eligibility/effectiveness', { year });
  $('effectiveness-content').replaceChildren(
    el('h2', { text: t('effectiveness.use') }),
    el('p', { class: 'muted', text: t('effectiveness.trafficPeriod', { from: e.trafficFrom, to: e.trafficTo }) }),
    table(['filing.field.organisation', 'effectiveness.fundedOm', 'effectiveness.served', 'effectiveness.consumed', 'effectiveness.servedPer10k',
      'effectiveness.consumedPer10k'], e.use.map((u) => el('tr', {}, el('td', { text: orgs.name(u.organisationCode) }), el('td', { class: 'num', text: money(u.fundedOm) }),
      el('td', { class: 'num', text: fmt.number(u.callsServed) }), el('td', { class: 'num', text: fmt.number(u.callsConsumed) }),
      el('td', { class: 'num', text: fmt.number(u.servedPer10k) }), el('td', { class: 'num', text: fmt.number(u.consumedPer10k) }))), 'use-table'),
    el('h2', { text: t('effectiveness.zombies') }), systems(e.fundedZombies, 'zombie-table'),
    el('h2', { text: t('effectiveness.notConnected') }), systems(e.fundedNotConnected, 'not-connected-table'),
    el('h2', { text: t('effectiveness.funded') }), systems(e.funded, 'funded-table'),
    el('h2', { text: t('effectiveness.against') }),
    table(['filing.field.id', 'filing.field.organisation', 'eligibility.verdict', 'eligibility.decision', 'eligibility.reason'],
      e.againstVerdict.map((d) => el('tr', {}, el('td', {}, el('a', { href: `/eligibility.html?year=${year}&filing=${d.filingId}`, text: d.filingId })),
        el('td', { text: orgs.name(d.organisationCode) }), el('td', { text: tEnum('enum.verdict', d.verdict) }),
        el('td', { text: tEnum('enum.fundingDecision', d.decision) }), el('td', { text: d.reason ?? '' }))), 'against-table'),
    el('h2', { text: t('effectiveness.omCost') }),
    table(['filing.field.organisation', 'effectiveness.status', 'effectiveness.systems', 'effectiveness.annualOm'],
      e.omCost.map((c) => el('tr', {}, el('td', { text: orgs.name(c.organisationCode) }), el('td', { text: tEnum('enum.lifecycleStatus', c.status) }),
        el('td', { class: 'num', text: fmt.number(c.systems) }), el('td', { class: 'num', text: money(c.annualOmCost) }))), 'om-table'));
}

async function main() {
  const me = await initPage();
  if (!me) return;
  orgs = await OrgDirectory.load();
  const year = yearSelect($('effectiveness-year'), (y) => load(y).catch((error) => renderError($('effectiveness-error'), error)));
  try {
    await load(year);
  } catch (error) {
    renderError($('effectiveness-error'), error);
  }
  markLoaded();
}

main();
