import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, bargauge, stateTimeline, row, prom, thresholds, providerVariable, modelVariable, PM, P } from '../panels.mjs';

// 0 closed, 1 half open, 2 open: the breaker gauge is 1 on the current state's series only.
const breakerState = `max by (provider, model) (
  gatewayz_circuit_breaker_state{${PM}, state="open"} * 2
  or gatewayz_circuit_breaker_state{${PM}, state="half_open"}
  or gatewayz_circuit_breaker_state{${PM}, state="closed"} * 0
)`;
const breakerMappings = [{ type: 'value', options: {
  0: { text: 'closed', color: 'green', index: 0 },
  1: { text: 'half open', color: 'yellow', index: 1 },
  2: { text: 'open', color: 'red', index: 2 },
} }];
const rate = (metric, selector = PM) => `rate(${metric}{${selector}}[$__rate_interval])`;

export default [dashboard({
  ...D.providerHealth,
  description: 'Provider and model health scores, circuit breakers, failures, retries and failovers.',
  tags: ['providers', 'reliability'],
  variables: [providerVariable(), modelVariable()],
  links: [D.providerDirectory, D.gatewayComparison, D.goldenSignals, D.callProfile],
  refresh: '10s',
  panels: [
    row('Health'),
    bargauge('Provider health score', [prom(`gatewayz_provider_health_score{${P}}`, '{{provider}}')], { w: 8, unit: 'short', min: 0, max: 100, thresholds: thresholds.health, runbook: 'providerunhealthy', description: 'Health 0–100: availability 40 %, 1 − error rate 30 %, latency 30 %. Red < 70, yellow < 85, green ≥ 85.' }),
    timeseries('Provider health over time', [prom(`gatewayz_provider_health_score{${P}}`, '{{provider}}')], { w: 16, unit: 'short', min: 0, max: 100, thresholds: thresholds.health, custom: { thresholdsStyle: { mode: 'line+area' } }, runbook: 'providerdegraded' }),
    stateTimeline('Provider availability (last probe)', [prom(`gatewayz_provider_availability{${P}}`, '{{provider}}')], { w: 12, thresholds: thresholds.availability, mappings: [{ type: 'value', options: { 0: { text: 'down', color: 'red' }, 1: { text: 'up', color: 'green' } } }], runbook: 'providerdown' }),
    bargauge('Model health score', [prom(`gatewayz_model_health_score{${PM}}`, '{{provider}} / {{model}}')], { w: 12, unit: 'short', min: 0, max: 100, thresholds: thresholds.health, runbook: 'providerdegraded' }),
    row('Circuit breakers'),
    stateTimeline('Circuit breaker state', [prom(breakerState, '{{provider}} / {{model}}')], { w: 24, h: 10, mappings: breakerMappings, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'yellow', value: 1 }, { color: 'red', value: 2 }] }, runbook: 'circuitbreakeropen', description: 'Per route: closed (green), half open (yellow), open (red).' }),
    stat('Open breakers', [prom(`sum(gatewayz_circuit_breaker_state{${PM}, state="open"})`)], { w: 6, h: 6, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }, { color: 'red', value: 3 }] }, runbook: 'multiplecircuitbreakersopen' }),
    timeseries('Breaker transitions', [prom(`sum by (provider, model, state) (increase(gatewayz_circuit_breaker_transitions_total{${PM}}[$__rate_interval]))`, '{{provider}} / {{model}} → {{state}}')], { w: 9, h: 6, unit: 'short', runbook: 'circuitbreakeropen' }),
    timeseries('Failures counted by breakers', [prom(`sum by (provider, model) (${rate('gatewayz_circuit_breaker_failures_total')})`, '{{provider}} / {{model}}')], { w: 9, h: 6, unit: 'ops' }),
    row('Failures'),
    timeseries('Call error ratio by provider', [prom(`(sum by (provider) (${rate('gatewayz_inference_requests_total', `${PM}, status!="success"`)}) or sum by (provider) (${rate('gatewayz_inference_requests_total')}) * 0) / sum by (provider) (${rate('gatewayz_inference_requests_total')})`, '{{provider}}')], { unit: 'percentunit', thresholds: thresholds.errorRatio, custom: { thresholdsStyle: { mode: 'dashed' } }, runbook: 'providerhigherrorrate', description: 'Failed upstream attempts over all attempts (1 / 5 / 10 % lines).' }),
    timeseries('Failures by provider and error type', [prom(`sum by (provider, status) (${rate('gatewayz_inference_requests_total', `${PM}, status!="success"`)})`, '{{provider}} {{status}}')], { unit: 'ops', stack: true, runbook: 'providerhigherrorrate' }),
    timeseries('Provider error rate (health window)', [prom(`gatewayz_provider_error_rate{${P}}`, '{{provider}}')], { w: 8, unit: 'percentunit', thresholds: thresholds.errorRatio, runbook: 'providerhigherrorrate' }),
    latency('Provider response time', 'gatewayz_provider_response_time_seconds', 'provider', P, { w: 16, quantiles: [0.5, 0.95], runbook: 'slowproviderresponse', description: 'Every attempt, failures included.' }),
    row('Failovers and retries'),
    timeseries('Failovers by reason', [prom(`sum by (provider, reason) (${rate('gatewayz_failovers_total')})`, '{{provider}}: {{reason}}')], { unit: 'ops', runbook: 'failoversurge', description: 'Requests moved from a route to the next route of the model.' }),
    timeseries('Retries by error type', [prom(`sum by (provider, error_type) (${rate('gatewayz_retries_total')})`, '{{provider}}: {{error_type}}')], { unit: 'ops' }),
  ],
})];
