// Summary cards: calls, records, bytes, success rate and latency over the period.

import { t, fmt } from '../i18n.js';
import { card } from '../dom.js';
import { $ } from './context.js';
import { humanBytes, isEmptyValue, millis, percent } from './format.js';

// A success rate below this is shown as a warning card (and in amber in the resources table).
export const SUCCESS_RATE_WARN = 0.95;

const metricCard = (metric, { alert = false, ...rest }) => card({ ...rest, tone: alert ? 'alert' : null, attrs: { 'data-metric': metric } });

export function renderCards(total) {
  const calls = Number(total?.calls ?? 0);
  const failed = Number(total?.failedCalls ?? 0);
  const rate = calls > 0 ? total?.successRate ?? (calls - failed) / calls : null;
  const records = Number(total?.records ?? 0);
  $('exchange-cards').replaceChildren(
    metricCard('calls', { label: t('exchange.card.calls'), value: fmt.number(calls), note: t('exchange.card.callsNote', { failed: fmt.number(failed) }) }),
    metricCard('records', {
      label: t('exchange.card.records'),
      value: fmt.number(records),
      note: calls > 0 ? t('exchange.card.recordsNote', { perCall: fmt.number(records / calls, { maximumFractionDigits: 1 }) }) : null,
    }),
    metricCard('bytes', { label: t('exchange.card.bytes'), value: humanBytes(total?.bytes ?? 0), note: t('exchange.card.bytesNote', { bytes: fmt.number(total?.bytes ?? 0) }) }),
    metricCard('successRate', {
      label: t('exchange.card.successRate'),
      value: percent(rate),
      note: calls > 0 ? t('exchange.card.successRateNote', { ok: fmt.number(calls - failed), calls: fmt.number(calls) }) : t('exchange.card.noCalls'),
      alert: rate !== null && Number(rate) < SUCCESS_RATE_WARN,
    }),
    metricCard('avgLatency', {
      label: t('exchange.card.avgLatency'),
      value: millis(total?.avgLatencyMs),
      note: isEmptyValue(total?.maxLatencyMs) || calls === 0 ? null : t('exchange.card.maxLatency', { max: millis(total.maxLatencyMs) }),
    }));
}
