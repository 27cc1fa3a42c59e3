import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, gauge, heatmap, flamegraph, row, prom, thresholds, providerVariable, modelVariable, PM, onGateway } from '../panels.mjs';

const httpErrorPercent = (statuses) =>
  `100 * (sum(rate(gatewayz_http_requests_total{status_code=~"${statuses}"}[$__rate_interval])) or vector(0)) / sum(rate(gatewayz_http_requests_total[$__rate_interval]))`;

export default [dashboard({
  ...D.goldenSignals,
  description: 'Latency, traffic, errors and saturation of the gateway, plus continuous profiling as the fourth pillar.',
  tags: ['golden-signals', 'sre'],
  variables: [providerVariable(), modelVariable()],
  links: [D.executive, D.providerHealth, D.callProfile, D.profiling, D.backend],
  refresh: '10s',
  panels: [
    row('Latency'),
    latency('HTTP request latency', 'gatewayz_http_request_duration_seconds', null, '', { w: 12, runbook: 'highapilatency', description: 'p50/p95/p99 of the time to handle a request, to its last byte. Exemplars link to traces.' }),
    latency('Inference latency by provider (p95)', 'gatewayz_inference_duration_seconds', 'provider', PM, { quantiles: [0.95], runbook: 'modellatencyhigh', description: 'p95 duration of successful model calls per provider.' }),
    heatmap('HTTP latency distribution', 'gatewayz_http_request_duration_seconds', '', { w: 24, description: 'Request durations per bucket over time.', runbook: 'highapilatency' }),
    row('Traffic'),
    stat('Requests per second', [prom('sum(rate(gatewayz_http_requests_total[$__rate_interval]))')], { unit: 'reqps', runbook: 'trafficspike', description: 'All HTTP requests handled by the gateway.' }),
    stat('Model calls per second', [prom(`sum(rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval]))`)], { unit: 'reqps', description: 'Upstream model calls (every attempt).' }),
    stat('Tokens per second', [prom(`sum(rate(gatewayz_tokens_used_total{${PM}}[$__rate_interval]))`)], { unit: 'short', description: 'Input plus output tokens.' }),
    stat('Requests in progress', [prom('sum(gatewayz_http_requests_in_progress)')], { unit: 'short', description: 'Requests being handled right now.' }),
    timeseries('Requests by route', [prom('sum by (route) (rate(gatewayz_http_requests_total[$__rate_interval]))', '{{route}}')], { unit: 'reqps' }),
    timeseries('Model calls by provider', [prom(`sum by (provider) (rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval]))`, '{{provider}}')], { unit: 'reqps', stack: true }),
    row('Errors'),
    gauge('HTTP 5xx error rate', [prom(httpErrorPercent('5..'))], { unit: 'percent', min: 0, max: 20, thresholds: thresholds.errorPercent, runbook: 'highhttp5xxrate', description: 'Share of requests answered with a 5xx status. Thresholds 1 / 5 / 10 %.' }),
    gauge('HTTP 4xx error rate', [prom(httpErrorPercent('4..'))], { unit: 'percent', min: 0, max: 20, thresholds: thresholds.errorPercent, runbook: 'highhttp4xxrate', description: 'Share of requests answered with a 4xx status.' }),
    gauge('Model call error rate', [prom(`100 * (sum(rate(gatewayz_inference_requests_total{${PM}, status!="success"}[$__rate_interval])) or vector(0)) / sum(rate(gatewayz_inference_requests_total{${PM}}[$__rate_interval]))`)], { unit: 'percent', min: 0, max: 20, thresholds: thresholds.errorPercent, runbook: 'highmodelerrorrate', description: 'Share of upstream attempts that failed (any error type).' }),
    stat('Rate-limited requests', [prom('sum(rate(gatewayz_rate_limit_hits_total[$__rate_interval]))')], { w: 6, h: 6, unit: 'reqps', runbook: 'highratelimithits', description: 'Requests refused by a gateway rate limit.' }),
    timeseries('Responses by status code', [prom('sum by (status_code) (rate(gatewayz_http_requests_total[$__rate_interval]))', '{{status_code}}')], { unit: 'reqps', stack: true, runbook: 'highhttp5xxrate' }),
    timeseries('Model call failures by error type', [prom(`sum by (status) (rate(gatewayz_inference_requests_total{${PM}, status!="success"}[$__rate_interval]))`, '{{status}}')], { unit: 'reqps', stack: true, runbook: 'highmodelerrorrate' }),
    row('Saturation'),
    timeseries('Requests in progress by route', [prom('sum by (route) (gatewayz_http_requests_in_progress)', '{{route}}')], { w: 8, unit: 'short' }),
    timeseries('Process CPU', [prom(`sum by (instance) (rate(process_cpu_seconds_total[$__rate_interval]) ${onGateway})`, '{{instance}}')], { w: 8, unit: 'percentunit', runbook: 'highcpuusage', description: 'CPU seconds per second of each gateway instance (1 = one core).' }),
    timeseries('Process memory', [prom(`sum by (instance) (process_working_set_bytes ${onGateway})`, 'working set {{instance}}'), prom(`sum by (instance) (dotnet_total_memory_bytes ${onGateway})`, 'managed heap {{instance}}')], { w: 8, unit: 'bytes' }),
    row('Profiling'),
    flamegraph('CPU flamegraph (gateway)', '{service_name="api", provider=~"$provider", model=~"$model"}', { description: 'Where the gateway spends CPU, filtered by the provider and model tags of inference calls.', runbook: 'highapilatency' }),
  ],
})];
