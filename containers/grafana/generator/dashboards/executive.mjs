import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, stat, bargauge, table, row, prom, thresholds, providerVariable, modelVariable, PM, P } from '../panels.mjs';

export default [dashboard({
  ...D.executive,
  description: 'One screen for the business: traffic, reliability, spend and provider health.',
  tags: ['executive'],
  variables: [providerVariable(), modelVariable()],
  links: [D.goldenSignals, D.business, D.providerHealth, D.modelUsage],
  refresh: '1m',
  time: 'now-24h',
  panels: [
    row('Today at a glance'),
    stat('Requests', [prom('sum(increase(gatewayz_http_requests_total[$__range]))')], { w: 4, unit: 'short', description: 'HTTP requests in the selected time range.' }),
    stat('Success rate', [prom(`sum(rate(gatewayz_inference_requests_total{${PM}, status="success"}[$__range])) / sum(rate(gatewayz_inference_requests_total{${PM}}[$__range]))`)], { w: 4, unit: 'percentunit', decimals: 2, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'orange', value: 0.9 }, { color: 'yellow', value: 0.95 }, { color: 'green', value: 0.99 }] }, runbook: 'highmodelerrorrate', description: 'Successful upstream attempts over all attempts.' }),
    stat('p95 latency', [prom(`histogram_quantile(0.95, sum by (le) (rate(gatewayz_inference_duration_seconds_bucket{${PM}}[$__range])))`)], { w: 4, unit: 's', thresholds: thresholds.latency, runbook: 'modellatencyhigh', description: 'p95 duration of successful model calls.' }),
    stat('Upstream cost', [prom(`sum(increase(gatewayz_cost_dollars_total{${PM}}[$__range]))`)], { w: 4, unit: 'currencyUSD', description: 'Cost of model calls at configured prices.' }),
    stat('Tokens', [prom(`sum(increase(gatewayz_tokens_used_total{${PM}}[$__range]))`)], { w: 4, unit: 'short', description: 'Input plus output tokens.' }),
    stat('Active API keys', [prom('sum(gatewayz_active_api_keys)')], { w: 4, unit: 'short', description: 'API keys that are not revoked.' }),
    row('Trends'),
    timeseries('Requests by model', [prom(`sum by (model) (rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval]))`, '{{model}}')], { unit: 'reqps', stack: true }),
    timeseries('Cost per hour by provider', [prom(`3600 * sum by (provider) (rate(gatewayz_cost_dollars_total{${PM}}[$__rate_interval]))`, '{{provider}}')], { unit: 'currencyUSD', stack: true, runbook: 'highcostrate' }),
    row('Providers'),
    bargauge('Provider health score', [prom(`gatewayz_provider_health_score{${P}}`, '{{provider}}')], { unit: 'short', min: 0, max: 100, thresholds: thresholds.health, runbook: 'providerunhealthy', description: 'Health 0–100 (red < 70, yellow < 85, green ≥ 85).' }),
    table('Running versions', [prom('gatewayz_build_info')], { w: 12, description: 'Version and environment of every gateway instance.' }),
  ],
})];
