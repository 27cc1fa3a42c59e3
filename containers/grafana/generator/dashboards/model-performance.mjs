import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, bargauge, table, heatmap, flamegraph, row, prom, thresholds, queryVariable, providerVariable, modelVariable, PM, P } from '../panels.mjs';

const modelLinks = [D.callProfile, D.modelUsage, D.cacheProfile, D.profiling, D.providerDirectory, D.providerHealth];
const linksExcept = (self) => modelLinks.filter((d) => d !== self);
const rate = (metric, selector = PM) => `rate(${metric}{${selector}}[$__rate_interval])`;
const p95 = (histogram, by) => `histogram_quantile(0.95, sum by (le, ${by}) (${rate(`${histogram}_bucket`)}))`;

const callProfile = dashboard({
  ...D.callProfile,
  description: 'Anatomy of a model call: time to first chunk, streaming time and total duration.',
  tags: ['model-performance', 'inference'],
  variables: [providerVariable(), modelVariable()],
  links: linksExcept(D.callProfile),
  panels: [
    row('Phases of a call'),
    latency('Time to first chunk', 'gatewayz_inference_time_to_first_chunk_seconds', 'provider', PM, { runbook: 'modellatencyhigh', description: 'From sending a streaming call to its first chunk (what users feel as responsiveness).' }),
    latency('Streaming duration', 'gatewayz_inference_streaming_duration_seconds', 'provider', PM, { description: 'From the first chunk of a stream to its end.' }),
    latency('Total call duration by model (p95)', 'gatewayz_inference_duration_seconds', 'model', PM, { w: 24, quantiles: [0.95], runbook: 'modellatencyhigh', description: 'Successful calls, from sending to the last token.' }),
    heatmap('Call duration distribution', 'gatewayz_inference_duration_seconds', PM, { w: 24 }),
    row('Outcome'),
    timeseries('Calls by outcome', [prom(`sum by (status) (${rate('gatewayz_inference_requests_total')})`, '{{status}}')], { unit: 'reqps', stack: true, runbook: 'highmodelerrorrate' }),
    timeseries('Output tokens per second of call time', [prom(`sum by (model) (${rate('gatewayz_tokens_used_total', `${PM}, token_type="output"`)}) / sum by (model) (${rate('gatewayz_inference_duration_seconds_sum')})`, '{{model}}')], { unit: 'short', description: 'Generation speed: output tokens divided by time spent in successful calls.' }),
    table('Phase breakdown per model (p95)', [
      prom(p95('gatewayz_inference_time_to_first_chunk_seconds', 'provider, model'), ''),
      prom(p95('gatewayz_inference_streaming_duration_seconds', 'provider, model'), ''),
      prom(p95('gatewayz_inference_duration_seconds', 'provider, model'), ''),
    ], { unit: 's', overrides: [
      { matcher: { id: 'byName', options: 'Value #A' }, properties: [{ id: 'displayName', value: 'first chunk p95' }] },
      { matcher: { id: 'byName', options: 'Value #B' }, properties: [{ id: 'displayName', value: 'streaming p95' }] },
      { matcher: { id: 'byName', options: 'Value #C' }, properties: [{ id: 'displayName', value: 'total p95' }] },
    ] }),
  ],
});

const modelUsage = dashboard({
  ...D.modelUsage,
  description: 'Which models are used, how many tokens they consume and how efficient they are.',
  tags: ['model-performance', 'usage'],
  variables: [providerVariable(), modelVariable()],
  links: linksExcept(D.modelUsage),
  panels: [
    row('Usage'),
    timeseries('Calls by model', [prom(`sum by (model) (${rate('gatewayz_inference_requests_total')})`, '{{model}}')], { unit: 'reqps', stack: true }),
    timeseries('Tokens by model and type', [prom(`sum by (model, token_type) (${rate('gatewayz_tokens_used_total')})`, '{{model}} {{token_type}}')], { unit: 'short', runbook: 'tokenusagespike', description: 'Tokens per second.' }),
    bargauge('Top models by tokens', [prom(`topk(10, sum by (model) (increase(gatewayz_tokens_used_total{${PM}}[$__range])))`, '{{model}}')], { unit: 'short', description: 'Tokens in the selected time range.' }),
    bargauge('Top models by cost', [prom(`topk(10, sum by (model) (increase(gatewayz_cost_dollars_total{${PM}}[$__range])))`, '{{model}}')], { unit: 'currencyUSD' }),
    row('Efficiency and reliability'),
    timeseries('Output tokens per successful call', [prom(`sum by (model) (${rate('gatewayz_tokens_used_total', `${PM}, token_type="output"`)}) / sum by (model) (${rate('gatewayz_inference_requests_total', `${PM}, status="success"`)})`, '{{model}}')], { w: 8, unit: 'short' }),
    bargauge('Token efficiency (output per input token)', [prom('gatewayz_token_efficiency_ratio{model=~"$model"}', '{{model}}')], { w: 8, unit: 'short', description: 'Output tokens per input token since start.' }),
    bargauge('Model uptime (24 h)', [prom('gatewayz_model_uptime_24h_ratio{model=~"$model"}', '{{model}}')], { w: 8, unit: 'percentunit', min: 0.9, max: 1, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'yellow', value: 0.99 }, { color: 'green', value: 0.999 }] }, runbook: 'modeluptimeslobreach' }),
  ],
});

const cacheLayer = queryVariable('cache_layer', 'Cache layer', 'label_values(gatewayz_cache_hits_total, cache_layer)');
const CL = 'cache_layer=~"$cache_layer"';
const cacheProfile = dashboard({
  ...D.cacheProfile,
  description: 'Cache effectiveness per layer and the CPU each layer costs (Pyroscope cache_layer tag).',
  tags: ['model-performance', 'cache', 'redis'],
  variables: [cacheLayer],
  links: [...linksExcept(D.cacheProfile), D.backend],
  panels: [
    row('Hit ratio'),
    stat('Overall hit ratio', [prom(`sum(rate(gatewayz_cache_hits_total{${CL}}[$__rate_interval])) / (sum(rate(gatewayz_cache_hits_total{${CL}}[$__rate_interval])) + sum(rate(gatewayz_cache_misses_total{${CL}}[$__rate_interval])))`)], { w: 6, h: 8, unit: 'percentunit', thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'yellow', value: 0.5 }, { color: 'green', value: 0.8 }] }, runbook: 'lowcachehitrate' }),
    timeseries('Hit ratio by layer', [prom(`sum by (cache_layer) (rate(gatewayz_cache_hits_total{${CL}}[$__rate_interval])) / (sum by (cache_layer) (rate(gatewayz_cache_hits_total{${CL}}[$__rate_interval])) + sum by (cache_layer) (rate(gatewayz_cache_misses_total{${CL}}[$__rate_interval])))`, '{{cache_layer}}')], { w: 18, unit: 'percentunit', min: 0, max: 1, runbook: 'lowcachehitrate' }),
    timeseries('Hits and misses', [prom(`sum by (cache_layer) (rate(gatewayz_cache_hits_total{${CL}}[$__rate_interval]))`, 'hits {{cache_layer}}'), prom(`sum by (cache_layer) (rate(gatewayz_cache_misses_total{${CL}}[$__rate_interval]))`, 'misses {{cache_layer}}')], { unit: 'ops' }),
    latency('Redis round trips (p95)', 'gatewayz_redis_operation_duration_seconds', 'operation', '', { quantiles: [0.95] }),
    row('CPU by cache layer'),
    flamegraph('CPU flamegraph of cache work', '{service_name="api", cache_layer=~"$cache_layer"}', { description: 'CPU spent in code tagged with the cache layer it serves.' }),
  ],
});

const profiling = dashboard({
  ...D.profiling,
  description: 'Continuous profiles of inference calls, filtered by provider and model tags.',
  tags: ['model-performance', 'profiling', 'pyroscope'],
  variables: [providerVariable(), modelVariable()],
  links: [...linksExcept(D.profiling), D.traces],
  panels: [
    latency('Inference latency (p95) for context', 'gatewayz_inference_duration_seconds', 'provider', PM, { w: 24, h: 6, quantiles: [0.95], description: 'Pick a slow period here, then read the flamegraphs below for the same time range.' }),
    flamegraph('CPU during inference calls', '{service_name="api", provider=~"$provider", model=~"$model"}', { runbook: 'modellatencyhigh' }),
    flamegraph('Wall clock during inference calls', '{service_name="api", provider=~"$provider", model=~"$model"}', { profileType: 'wall:wall:nanoseconds:wall:nanoseconds', description: 'Includes time spent waiting for upstreams.' }),
    flamegraph('Allocations during inference calls', '{service_name="api", provider=~"$provider", model=~"$model"}', { profileType: 'memory:alloc_size:bytes:space:bytes' }),
  ],
});

const providerTable = [
  prom(`gatewayz_provider_health_score{${P}}`),
  prom(`gatewayz_provider_availability{${P}}`),
  prom(`sum by (provider) (${rate('gatewayz_inference_requests_total', P)})`),
  prom(`(sum by (provider) (${rate('gatewayz_inference_requests_total', `${P}, status!="success"`)}) or (sum by (provider) (${rate('gatewayz_inference_requests_total', P)}) * 0)) / sum by (provider) (${rate('gatewayz_inference_requests_total', P)})`),
  prom(`histogram_quantile(0.95, sum by (le, provider) (${rate('gatewayz_provider_response_time_seconds_bucket', P)}))`),
  prom(`3600 * sum by (provider) (${rate('gatewayz_cost_dollars_total', P)})`),
];
const column = (ref, name, props = []) => ({ matcher: { id: 'byName', options: `Value #${ref}` }, properties: [{ id: 'displayName', value: name }, ...props] });
const providerDirectory = dashboard({
  ...D.providerDirectory,
  description: 'Every provider and model route the gateway serves, with its current numbers.',
  tags: ['model-performance', 'providers'],
  variables: [providerVariable(), modelVariable()],
  links: linksExcept(D.providerDirectory),
  panels: [
    table('Providers', providerTable, { h: 9, runbook: 'providerunhealthy', description: 'Health 0–100, last probe, call rate, error ratio, p95 response time and cost per hour.', overrides: [
      column('A', 'health', [{ id: 'thresholds', value: thresholds.health }, { id: 'custom.cellOptions', value: { type: 'color-background' } }]),
      column('B', 'available', [{ id: 'mappings', value: [{ type: 'value', options: { 0: { text: 'no', color: 'red' }, 1: { text: 'yes', color: 'green' } } }] }]),
      column('C', 'calls/s', [{ id: 'unit', value: 'reqps' }]),
      column('D', 'error ratio', [{ id: 'unit', value: 'percentunit' }, { id: 'thresholds', value: thresholds.errorRatio }, { id: 'custom.cellOptions', value: { type: 'color-text' } }]),
      column('E', 'p95 response', [{ id: 'unit', value: 's' }]),
      column('F', 'cost/hour', [{ id: 'unit', value: 'currencyUSD' }]),
    ] }),
    table('Model routes', [
      prom(`sum by (provider, model) (${rate('gatewayz_inference_requests_total')})`),
      prom(`sum by (provider, model) (${rate('gatewayz_inference_requests_total', `${PM}, status="success"`)}) / sum by (provider, model) (${rate('gatewayz_inference_requests_total')})`),
      prom(p95('gatewayz_inference_duration_seconds', 'provider, model')),
      prom(`gatewayz_model_health_score{${PM}}`),
    ], { h: 12, overrides: [
      column('A', 'calls/s', [{ id: 'unit', value: 'reqps' }]),
      column('B', 'success ratio', [{ id: 'unit', value: 'percentunit' }]),
      column('C', 'p95 duration', [{ id: 'unit', value: 's' }]),
      column('D', 'health', [{ id: 'thresholds', value: thresholds.health }, { id: 'custom.cellOptions', value: { type: 'color-background' } }]),
    ] }),
  ],
});

export default [callProfile, modelUsage, cacheProfile, profiling, providerDirectory];
