// The thresholds anomaly detection and zombie candidates use: everyone sees them with what each means;
// the office changes one in place (audited, applied from the next detection round).

import { api } from '../api.js';
import { t, fmt, hasMessage } from '../i18n.js';
import { el, renderError, reasonText } from '../dom.js';
import { $, isAdmin } from './context.js';

function label(name) {
  return hasMessage(`exchange.threshold.${name}`) ? t(`exchange.threshold.${name}`) : name;
}

function valueCell(threshold) {
  if (!isAdmin()) return el('td', { class: 'num mono', text: fmt.number(threshold.value, { maximumFractionDigits: 4 }) });
  const id = `exchange-threshold-${threshold.name}`;
  const input = el('input', {
    id, name: threshold.name, type: 'number', step: 'any', min: 0, class: 'input-sm threshold-input', value: threshold.value,
    'aria-label': label(threshold.name),
  });
  const message = el('div', { class: 'field-error', id: `${id}-error` });
  const button = el('button', { type: 'submit', class: 'btn btn-sm', text: t('action.save') });
  const form = el('form', { class: 'threshold-form', 'data-name': threshold.name, novalidate: true }, input, button, message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    input.removeAttribute('aria-invalid');
    button.disabled = true;
    try {
      const saved = await api.put(`/api/v1/exchange/thresholds/${encodeURIComponent(threshold.name)}`, { value: input.value === '' ? null : Number(input.value) });
      $('exchange-threshold-status').textContent = t('exchange.thresholds.saved', { name: label(saved.name), value: fmt.number(saved.value, { maximumFractionDigits: 4 }) });
      await loadThresholds();
    } catch (error) {
      const refusal = error?.errors?.[0];
      if (refusal) {
        message.textContent = reasonText(refusal);
        input.setAttribute('aria-describedby', message.id);
        input.setAttribute('aria-invalid', 'true');
      } else {
        renderError($('exchange-thresholds-error'), error);
      }
    } finally {
      button.disabled = false;
    }
  });
  return el('td', {}, form);
}

function row(threshold) {
  return el('tr', { 'data-name': threshold.name },
    el('td', {},
      el('div', { class: 'strong', title: threshold.name, text: label(threshold.name) }),
      hasMessage(`exchange.threshold.${threshold.name}.hint`) ? el('div', { class: 'muted small threshold-hint', text: t(`exchange.threshold.${threshold.name}.hint`) }) : null),
    valueCell(threshold),
    el('td', { class: 'nowrap small', text: fmt.dateTime(threshold.updatedAt) }));
}

export async function loadThresholds() {
  try {
    const thresholds = await api.get('/api/v1/exchange/thresholds');
    $('exchange-threshold-table').tBodies[0].replaceChildren(...thresholds.map(row));
    $('exchange-thresholds-error').replaceChildren();
    return true;
  } catch (error) {
    renderError($('exchange-thresholds-error'), error);
    return false;
  }
}

export function initThresholds() {
  $('exchange-thresholds').hidden = false;
}

