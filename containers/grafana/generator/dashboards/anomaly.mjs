import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, stat, row, prom, providerVariable, modelVariable, PM } from '../panels.mjs';

/** How many standard deviations the last 5 minutes are from the last hour (a 1-minute subquery). */
const zScore = (expr) => `(${expr} - avg_over_time((${expr})[1h:1m])) / stddev_over_time((${expr})[1h:1m])`;
const cost = `sum(rate(gatewayz_cost_dollars_total{${PM}}[$__rate_interval]))`;
const p95 = `histogram_quantile(0.95, sum by (le) (rate(gatewayz_inference_duration_seconds_bucket{${PM}}[$__rate_interval])))`;
const errors = `(sum(rate(gatewayz_inference_requests_total{${PM}, status!="success"}[$__rate_interval])) or vector(0)) / sum(rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval]))`;
const zThresholds = { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'yellow', value: 2 }, { color: 'red', value: 3 }] };

export default [dashboard({
  ...D.anomaly,
  description: 'Anomalies the analytics service reports, next to the signals they are computed from.',
  tags: ['anomaly'],
  variables: [providerVariable(), modelVariable()],
  links: [D.business, D.providerHealth, D.goldenSignals],
  panels: [
    row('Detected anomalies'),
    stat('Anomalies in range', [prom('sum(increase(gatewayz_anomalies_detected_total[$__range]))')], { w: 6, h: 8, unit: 'short', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }] }, runbook: 'anomalydetected' }),
    timeseries('Anomalies by type', [prom('sum by (type) (increase(gatewayz_anomalies_detected_total[$__rate_interval]))', '{{type}}')], { w: 18, unit: 'short', stack: true, runbook: 'anomalydetected', custom: { drawStyle: 'bars', fillOpacity: 80 } }),
    row('Signals (z-score against the last hour)'),
    timeseries('Cost spike', [prom(cost, 'cost/s'), prom(zScore(cost), 'z-score')], { w: 8, unit: 'short', thresholds: zThresholds, runbook: 'highcostrate', description: 'Cost rate and how unusual it is (|z| > 3 is a spike).', overrides: [{ matcher: { id: 'byName', options: 'cost/s' }, properties: [{ id: 'unit', value: 'currencyUSD' }] }] }),
    timeseries('Latency spike', [prom(p95, 'p95'), prom(zScore(p95), 'z-score')], { w: 8, unit: 'short', exemplars: true, thresholds: zThresholds, runbook: 'modellatencyhigh', overrides: [{ matcher: { id: 'byName', options: 'p95' }, properties: [{ id: 'unit', value: 's' }] }] }),
    timeseries('Error surge', [prom(errors, 'error ratio'), prom(zScore(errors), 'z-score')], { w: 8, unit: 'short', thresholds: zThresholds, runbook: 'highmodelerrorrate', overrides: [{ matcher: { id: 'byName', options: 'error ratio' }, properties: [{ id: 'unit', value: 'percentunit' }] }] }),
  ],
})];
