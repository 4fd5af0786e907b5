// Connection settings for the office (and a department, for its own maintenance windows): planned
// maintenance, notification channels and subscriptions, the record of deliveries, and the thresholds.

import { api } from './api.js';
import { initPage } from './layout.js';
import { t, tEnum, fmt } from './i18n.js';
import { el, badge, renderError, markLoaded } from './dom.js';
import { emptyRow } from './registry.js';

const $ = (id) => document.getElementById(id);
let me = null;

const localToIso = (value) => (value ? new Date(value).toISOString() : null);
const blank = (v) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim());

async function loadMaintenance() {
  const table = $('maintenance-table');
  const list = await api.get('/api/v1/connections/maintenance', { includePast: true });
  const rows = list.map((w) => el('tr', { 'data-key': String(w.id) },
    el('td', { class: 'mono small', text: w.targetCode ?? `${t('connectionAdmin.m.wholeOrganisation')} ${w.organisationCode}` }),
    el('td', { text: tEnum('connection.recurrence', w.recurrence) }),
    el('td', { class: 'small', text: `${fmt.dateTime(w.startsAt)} – ${fmt.dateTime(w.endsAt)}${w.startTime ? ` · ${w.startTime} +${w.durationMinutes}′` : ''}${w.daysOfWeek?.length ? ` · ${w.daysOfWeek.join(',')}` : ''}` }),
    el('td', { text: w.reason }),
    el('td', { class: 'small', text: w.createdBy ?? '' }),
    el('td', {}, w.cancelledAt ? badge(t('connectionAdmin.m.cancelled'), 'neutral')
      : el('button', { type: 'button', class: 'btn btn-small', text: t('connectionAdmin.m.cancel'), onclick: async () => {
        try {
          await api.post(`/api/v1/connections/maintenance/${w.id}/cancel`);
          await loadMaintenance();
        } catch (error) {
          renderError($('maintenance-error'), error);
        }
      } }))));
  table.tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(table, 'connectionAdmin.m.empty')]));
}

function wireMaintenanceForm() {
  $('maintenance-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = new FormData(event.target);
    const body = {
      targetCode: blank(f.get('targetCode')), organisationCode: blank(f.get('organisationCode')), reason: blank(f.get('reason')),
      recurrence: f.get('recurrence'), startsAt: localToIso(f.get('startsAt')), endsAt: localToIso(f.get('endsAt')),
      daysOfWeek: blank(f.get('daysOfWeek')) ? String(f.get('daysOfWeek')).split(',').map((d) => Number(d.trim())) : [],
      startTime: blank(f.get('startTime')), durationMinutes: blank(f.get('durationMinutes')) ? Number(f.get('durationMinutes')) : null,
    };
    $('maintenance-error').replaceChildren();
    try {
      await api.post('/api/v1/connections/maintenance', body);
      event.target.reset();
      await loadMaintenance();
    } catch (error) {
      renderError($('maintenance-error'), error);
    }
  });
}

async function loadChannels() {
  const [channels, subscriptions, deliveries] = await Promise.all([
    api.get('/api/v1/connections/notifications/channels'),
    api.get('/api/v1/connections/notifications/subscriptions'),
    api.get('/api/v1/connections/notifications/deliveries', { size: 50 }),
  ]);
  const ct = $('channels-table');
  ct.tBodies[0].replaceChildren(...(channels.length ? channels.map((c) => el('tr', { 'data-key': c.code },
    el('td', {}, el('div', { class: 'strong', text: c.name }), el('div', { class: 'mono muted small', text: c.code })),
    el('td', { text: tEnum('connection.channel', c.kind) }),
    el('td', { class: 'mono small', text: (c.kind === 'EMAIL' ? c.emailTo : c.url) + (c.secret ? ` (${t('connectionAdmin.c.signed')})` : '') }),
    el('td', {}, badge(c.enabled ? t('connectionAdmin.c.on') : t('connectionAdmin.c.off'), c.enabled ? 'ok' : 'neutral')),
    el('td', { class: 'nowrap' },
      el('button', { type: 'button', class: 'btn btn-small channel-edit', text: t('connectionAdmin.c.edit'),
        'aria-label': `${t('connectionAdmin.c.edit')} ${c.name}`, onclick: () => editChannel(c) }), ' ',
      el('button', { type: 'button', class: 'btn btn-small channel-toggle', 'aria-pressed': String(!!c.enabled),
        text: c.enabled ? t('connectionAdmin.c.disable') : t('connectionAdmin.c.enable'), onclick: () => toggleChannel(c) }))))
    : [emptyRow(ct, 'connectionAdmin.c.empty')]));
  const st = $('subscriptions-table');
  st.tBodies[0].replaceChildren(...(subscriptions.length ? subscriptions.map((s) => el('tr', { 'data-key': String(s.id) },
    el('td', { class: 'mono small', text: s.channelCode }),
    el('td', { class: 'mono small', text: s.targetCode ?? s.organisationCode ?? t('connectionAdmin.s.everything') }),
    el('td', { text: s.events.map((e) => tEnum('connection.event', e)).join('、') }),
    el('td', {}, el('button', { type: 'button', class: 'btn btn-small', text: t('connectionAdmin.s.remove'), onclick: async () => {
      try {
        await api.post(`/api/v1/connections/notifications/subscriptions/${s.id}/remove`);
        await loadChannels();
      } catch (error) {
        renderError($('channels-error'), error);
      }
    } }))))
    : [emptyRow(st, 'connectionAdmin.s.empty')]));
  const dt = $('deliveries-table');
  const items = deliveries.items ?? [];
  dt.tBodies[0].replaceChildren(...(items.length ? items.map((d) => el('tr', { 'data-key': String(d.id) },
    el('td', { class: 'nowrap small', text: fmt.dateTime(d.createdAt) }),
    el('td', { class: 'mono small', text: d.channelCode }),
    el('td', { text: tEnum('connection.event', d.event) }),
    el('td', {}, badge(tEnum('connection.delivery', d.status), d.status === 'SENT' ? 'ok' : d.status === 'FAILED' ? 'danger' : 'warn')),
    el('td', { class: 'num', text: fmt.number(d.attempts) }),
    el('td', { class: 'small', text: [d.responseStatus, d.error].filter((x) => x !== null && x !== undefined).join(' ') })))
    : [emptyRow(dt, 'connectionAdmin.d.empty')]));
}

/** The channel form edits an existing channel: its code is fixed, a kept secret shows as ******. */
function editChannel(c) {
  const form = $('channel-form');
  form.elements.code.value = c.code;
  form.elements.code.readOnly = true;
  form.elements.name.value = c.name;
  form.elements.kind.value = c.kind;
  form.elements.url.value = c.url ?? '';
  form.elements.secret.value = c.secret ?? '';
  form.elements.emailTo.value = c.emailTo ?? '';
  form.elements.enabled.checked = !!c.enabled;
  $('channel-cancel').hidden = false;
  $('channel-editing').hidden = false;
  $('channel-editing').textContent = t('connectionAdmin.c.editing', { code: c.code });
  form.elements.name.focus();
}

function resetChannelForm() {
  const form = $('channel-form');
  form.reset();
  form.elements.code.readOnly = false;
  $('channel-cancel').hidden = true;
  $('channel-editing').hidden = true;
}

/** Enables or disables a channel as it is; its secret stays (****** means "unchanged"). */
async function toggleChannel(c) {
  $('channels-error').replaceChildren();
  try {
    await api.put(`/api/v1/connections/notifications/channels/${encodeURIComponent(c.code)}`, {
      name: c.name, kind: c.kind, url: c.url, secret: c.secret, emailTo: c.emailTo, enabled: !c.enabled,
    });
    await loadChannels();
  } catch (error) {
    renderError($('channels-error'), error);
  }
}

function wireChannelForms() {
  $('channel-cancel').addEventListener('click', resetChannelForm);
  $('channel-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = new FormData(event.target);
    $('channels-error').replaceChildren();
    try {
      await api.put(`/api/v1/connections/notifications/channels/${encodeURIComponent(blank(f.get('code')) ?? '')}`, {
        name: blank(f.get('name')), kind: f.get('kind'), url: blank(f.get('url')), secret: blank(f.get('secret')), emailTo: blank(f.get('emailTo')),
        enabled: f.get('enabled') === 'on',
      });
      resetChannelForm();
      await loadChannels();
    } catch (error) {
      renderError($('channels-error'), error);
    }
  });
  $('subscription-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = new FormData(event.target);
    $('channels-error').replaceChildren();
    try {
      await api.post('/api/v1/connections/notifications/subscriptions', {
        channelCode: blank(f.get('channelCode')), organisationCode: blank(f.get('organisationCode')), targetCode: blank(f.get('targetCode')),
        events: f.getAll('events'),
      });
      await loadChannels();
    } catch (error) {
      renderError($('channels-error'), error);
    }
  });
}

async function loadSettings() {
  const settings = await api.get('/api/v1/connections/settings');
  const table = $('settings-table');
  table.tBodies[0].replaceChildren(...Object.entries(settings).map(([name, value]) => el('tr', { 'data-key': name },
    el('td', {}, el('div', { text: t(`connection.setting.${name}`) }), el('div', { class: 'mono muted small', text: name })),
    el('td', { class: 'num', text: fmt.number(value) }))));
}

async function main() {
  me = await initPage();
  if (!me) return;
  wireMaintenanceForm();
  try {
    await loadMaintenance();
  } catch (error) {
    renderError($('maintenance-error'), error);
  }
  if (me.role === 'EGOV_ADMIN') {
    $('channels-panel').hidden = false;
    wireChannelForms();
    try {
      await loadChannels();
    } catch (error) {
      renderError($('channels-error'), error);
    }
  }
  try {
    await loadSettings();
  } catch (error) {
    renderError($('settings-error'), error);
  }
  markLoaded();
}

main();
