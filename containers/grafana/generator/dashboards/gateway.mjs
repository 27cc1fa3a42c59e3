import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, bargauge, row, prom, thresholds, providerVariable, modelVariable, PM } from '../panels.mjs';

const byProvider = (metric, selector = PM) => `sum by (provider) (rate(${metric}{${selector}}[$__rate_interval]))`;

export default [dashboard({
  ...D.gatewayComparison,
  description: 'The same models through different upstream gateways and providers, and gateway instances side by side.',
  tags: ['gateway', 'comparison'],
  variables: [providerVariable(), modelVariable()],
  links: [D.providerHealth, D.providerDirectory, D.business],
  panels: [
    row('Providers for the selected models'),
    latency('Call duration by provider (p50, p95)', 'gatewayz_inference_duration_seconds', 'provider', PM, { quantiles: [0.5, 0.95], runbook: 'modellatencyhigh' }),
    latency('Time to first chunk by provider (p95)', 'gatewayz_inference_time_to_first_chunk_seconds', 'provider', PM, { quantiles: [0.95] }),
    timeseries('Success ratio by provider', [prom(`${byProvider('gatewayz_inference_requests_total', `${PM}, status="success"`)} / ${byProvider('gatewayz_inference_requests_total')}`, '{{provider}}')], { unit: 'percentunit', max: 1, runbook: 'providerhigherrorrate' }),
    timeseries('Output tokens per second by provider', [prom(byProvider('gatewayz_tokens_used_total', `${PM}, token_type="output"`), '{{provider}}')], { unit: 'short' }),
    bargauge('Cost per million tokens', [prom(`1e6 * ${byProvider('gatewayz_cost_dollars_total')} / ${byProvider('gatewayz_tokens_used_total')}`, '{{provider}}')], { unit: 'currencyUSD', decimals: 3, description: 'Upstream cost over tokens, blended input and output.' }),
    bargauge('Share of calls', [prom(`${byProvider('gatewayz_inference_requests_total')} / scalar(sum(rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval])))`, '{{provider}}')], { unit: 'percentunit', max: 1, thresholds: thresholds.ok }),
    row('Gateway instances'),
    timeseries('Requests by instance', [prom('sum by (instance) (rate(gatewayz_http_requests_total[$__rate_interval]))', '{{instance}}')], { w: 8, unit: 'reqps' }),
    latency('Latency by instance (p95)', 'gatewayz_http_request_duration_seconds', 'instance', '', { w: 8, quantiles: [0.95], runbook: 'highapilatency' }),
    timeseries('5xx ratio by instance', [prom('(sum by (instance) (rate(gatewayz_http_requests_total{status_code=~"5.."}[$__rate_interval])) or sum by (instance) (rate(gatewayz_http_requests_total[$__rate_interval])) * 0) / sum by (instance) (rate(gatewayz_http_requests_total[$__rate_interval]))', '{{instance}}')], { w: 8, unit: 'percentunit', thresholds: thresholds.errorRatio, runbook: 'highhttp5xxrate' }),
  ],
})];
