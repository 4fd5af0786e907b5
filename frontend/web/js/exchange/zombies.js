// Zombie-system candidates: systems in use with no exchange traffic and no successful probe or heartbeat
// over the configured period, each with its evidence and confidence; the office confirms or dismisses them.

import { t, fmt } from '../i18n.js';
import { el, badge, renderError } from '../dom.js';
import { api } from '../api.js';
import { emptyRow } from '../registry.js';
import { $, orgName } from './context.js';
import { dash, isEmptyValue } from './format.js';

const PAGE_SIZE = 20;
const state = { page: 0, total: 0, mayDecide: false, reload: null };

/** Paging parameters of the zombie list request. */
export const zombiePaging = () => ({ page: state.page, size: PAGE_SIZE, minConfidence: $('exchange-zombies-low').checked ? 'LOW' : undefined });

const CONFIDENCE_TONE = { HIGH: 'danger', MEDIUM: 'warn', LOW: 'neutral' };

function when(value, neverKey) {
  return value ? el('span', { title: fmt.dateTime(value), text: fmt.date(value) }) : el('span', { class: 'muted', text: t(neverKey) });
}

function evidence(z) {
  const lines = [];
  if (z.aliases?.length && !z.infrastructure) {
    lines.push(el('div', {}, t('zombie.evidence.lastTraffic'), ' ', when(z.lastTraffic, 'zombie.evidence.never')));
  }
  if (z.connectionTargets > 0) {
    lines.push(el('div', {}, t('zombie.evidence.lastCheck', { targets: fmt.number(z.connectionTargets) }), ' ',
      when(z.lastSuccessfulCheck, 'zombie.evidence.never')));
  }
  lines.push(el('div', { class: 'muted small', text: t('zombie.evidence.coverage', { percent: fmt.number(Math.round((z.coverage ?? 0) * 100)) }) }));
  lines.push(el('div', { class: 'muted small', text: t('zombie.evidence.usersUnknown') }));
  return el('td', { class: 'small' }, ...lines);
}

async function decide(z, decision) {
  const reason = window.prompt(t(decision === 'CONFIRMED' ? 'zombie.confirmPrompt' : 'zombie.dismissPrompt', { system: z.systemName || z.systemCode }));
  if (!reason || !reason.trim()) return;
  try {
    await api.put(`/api/v1/exchange/zombies/${encodeURIComponent(z.systemCode)}/decision`, { decision, reason: reason.trim() });
    state.reload?.();
  } catch (error) {
    renderError($('exchange-zombies-error'), error);
  }
}

function decisionCell(z) {
  const cell = el('td', { class: 'nowrap' });
  if (z.decision) {
    cell.append(badge(t(`zombie.decision.${z.decision}`), z.decision === 'CONFIRMED' ? 'danger' : 'neutral'),
      el('div', { class: 'muted small', title: z.decisionReason ?? '', text: `${z.decidedBy ?? ''} ${z.decidedAt ? fmt.date(z.decidedAt) : ''}` }));
  }
  if (state.mayDecide) {
    cell.append(el('div', { class: 'row-actions' },
      el('button', { type: 'button', class: 'btn btn-small', text: t('zombie.confirm'), onclick: () => decide(z, 'CONFIRMED') }),
      el('button', { type: 'button', class: 'btn btn-small', text: t('zombie.dismiss'), onclick: () => decide(z, 'DISMISSED') })));
  }
  return cell;
}

function zombieRow(z) {
  return el('tr', { 'data-key': z.systemCode },
    el('td', { class: 'name-cell', title: z.aliases?.length ? t('exchange.zombies.aliases', { aliases: z.aliases.join(', ') }) : null },
      el('div', { class: 'strong', text: z.systemName || z.systemCode }),
      el('div', { class: 'mono muted small nowrap', text: z.systemCode }),
      z.infrastructure ? badge(t('zombie.infrastructure'), 'info') : null),
    el('td', { class: 'name-cell', text: orgName(z.organisationCode) }),
    el('td', { class: 'nowrap' }, badge(t(`zombie.confidence.${z.confidence}`), CONFIDENCE_TONE[z.confidence] ?? 'neutral')),
    evidence(z),
    el('td', { class: 'zombie-reason', text: z.reasonCode ? t(`zombie.reason.${z.reasonCode}`, z.reasonParams ?? {}) : (z.reason || dash) }),
    decisionCell(z));
}

export function renderZombies(result) {
  $('exchange-zombies-error').replaceChildren();
  const table = $('exchange-zombie-table');
  const items = result?.items ?? [];
  state.total = result?.total ?? 0;
  const since = result?.since ? fmt.date(result.since) : null;
  $('exchange-zombies-note').textContent = isEmptyValue(result?.days)
    ? ''
    : t('zombie.note', { days: fmt.number(result.days), since: since ?? '', total: fmt.number(state.total),
      high: fmt.number(result.byConfidence?.HIGH ?? 0), medium: fmt.number(result.byConfidence?.MEDIUM ?? 0),
      low: fmt.number(result.byConfidence?.LOW ?? 0) });
  table.tBodies[0].replaceChildren(...(items.length ? items.map(zombieRow) : [emptyRow(table, 'exchange.zombies.empty')]));
  const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
  $('exchange-zombies-page').textContent = t('zombie.page', { page: fmt.number(state.page + 1), pages: fmt.number(pages) });
  $('exchange-zombies-prev').disabled = state.page === 0;
  $('exchange-zombies-next').disabled = state.page + 1 >= pages;
}

export function initZombies({ mayDecide, reload }) {
  state.mayDecide = mayDecide;
  state.reload = reload;
  $('exchange-zombies-prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); reload(); });
  $('exchange-zombies-next').addEventListener('click', () => { state.page += 1; reload(); });
  $('exchange-zombies-low').addEventListener('change', () => { state.page = 0; reload(); });
}

export const zombiesFailed = (error) => renderError($('exchange-zombies-error'), error);
