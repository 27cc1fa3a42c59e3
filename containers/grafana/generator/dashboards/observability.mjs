import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, table, logs, traces, nodeGraph, row, prom, mimir, logql, ds, queryVariable, thresholds, modelVariable, providerVariable, PM } from '../panels.mjs';

const service = queryVariable('service', 'Service', 'label_values(service_name)', { datasource: ds.loki });
const search = { name: 'search', label: 'Search', type: 'textbox', query: '', current: { text: '', value: '' } };
const S = 'service_name=~"$service"';

const lokiLogs = dashboard({
  ...D.logs,
  description: 'Logs of every service (OTLP to Loki), by level, with search.',
  tags: ['loki', 'logs'],
  variables: [service, search],
  links: [D.traces, D.goldenSignals, D.backend],
  panels: [
    timeseries('Log volume by level', [logql(`sum by (detected_level) (count_over_time({${S}} |= "$search" [$__auto]))`, { legend: '{{detected_level}}' })], { w: 16, unit: 'short', stack: true, runbook: 'lokinologs', custom: { drawStyle: 'bars', fillOpacity: 80 } }),
    timeseries('Errors by service', [logql(`sum by (service_name) (count_over_time({${S}} | detected_level=~"error|critical|fatal" [$__auto]))`, { legend: '{{service_name}}' })], { w: 8, unit: 'short', runbook: 'unhandledexceptions' }),
    logs('Errors and warnings', `{${S}} | detected_level=~"error|critical|fatal|warn|warning" |= "$search"`, { h: 10 }),
    logs('All logs', `{${S}} |= "$search"`, { description: 'Newest first. Lines with a trace_id link to Tempo.' }),
  ],
});

const tempoTraces = dashboard({
  ...D.traces,
  description: 'Service graph and span metrics (Tempo metrics generator, stored in Mimir) and trace search.',
  tags: ['tempo', 'traces'],
  variables: [providerVariable(), modelVariable()],
  links: [D.logs, D.profiling, D.goldenSignals],
  panels: [
    row('Span metrics (Mimir)'),
    timeseries('Spans per second by service', [mimir('sum by (service) (rate(traces_spanmetrics_calls_total[$__rate_interval]))', '{{service}}')], { w: 8, unit: 'ops', runbook: 'temponotraces' }),
    timeseries('Span error ratio by service', [mimir('(sum by (service) (rate(traces_spanmetrics_calls_total{status_code="STATUS_CODE_ERROR"}[$__rate_interval])) or sum by (service) (rate(traces_spanmetrics_calls_total[$__rate_interval])) * 0) / sum by (service) (rate(traces_spanmetrics_calls_total[$__rate_interval]))', '{{service}}')], { w: 8, unit: 'percentunit', thresholds: thresholds.errorRatio }),
    latency('Span latency by service (p95)', 'traces_spanmetrics_latency', 'service', '', { w: 8, quantiles: [0.95], datasource: ds.mimir }),
    timeseries('Service graph requests', [mimir('sum by (client, server) (rate(traces_service_graph_request_total[$__rate_interval]))', '{{client}} → {{server}}')], { unit: 'reqps' }),
    timeseries('Service graph failures', [mimir('sum by (client, server) (rate(traces_service_graph_request_failed_total[$__rate_interval]))', '{{client}} → {{server}}')], { unit: 'reqps' }),
    row('Traces'),
    nodeGraph('Service map'),
    traces('Slow inference calls', '{ resource.service.name = "api" && span.gen_ai.request.model =~ "$model" && duration > 2s }', { description: 'Spans of model calls slower than 2 s; open one to see the whole trace, its logs and its profile.', runbook: 'modellatencyhigh' }),
    traces('Failed spans', '{ status = error }', { runbook: 'highhttp5xxrate' }),
  ],
});

const prometheusSelf = dashboard({
  ...D.prometheus,
  description: 'Prometheus itself: targets, ingestion, queries, rules and remote write to Mimir.',
  tags: ['prometheus', 'meta'],
  links: [D.mimir, D.goldenSignals],
  panels: [
    row('Targets'),
    stat('Targets up', [prom('sum(up)')], { w: 6, unit: 'short' }),
    stat('Targets down', [prom('count(up == 0) or vector(0)')], { w: 6, unit: 'short', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] }, runbook: 'scrapetargetdown' }),
    stat('Head series', [prom('sum(prometheus_tsdb_head_series)')], { w: 6, unit: 'short' }),
    stat('Samples per second', [prom('sum(rate(prometheus_tsdb_head_samples_appended_total[$__rate_interval]))')], { w: 6, unit: 'short' }),
    table('Scrape targets', [prom('up'), prom('scrape_duration_seconds'), prom('scrape_samples_scraped')], { overrides: [
      { matcher: { id: 'byName', options: 'Value #A' }, properties: [{ id: 'displayName', value: 'up' }, { id: 'mappings', value: [{ type: 'value', options: { 0: { text: 'down', color: 'red' }, 1: { text: 'up', color: 'green' } } }] }, { id: 'custom.cellOptions', value: { type: 'color-text' } }] },
      { matcher: { id: 'byName', options: 'Value #B' }, properties: [{ id: 'displayName', value: 'scrape duration' }, { id: 'unit', value: 's' }] },
      { matcher: { id: 'byName', options: 'Value #C' }, properties: [{ id: 'displayName', value: 'samples' }] },
    ], runbook: 'scrapetargetdown' }),
    timeseries('Scrape duration by job', [prom('max by (job) (scrape_duration_seconds)', '{{job}}')], { unit: 's' }),
    row('Queries and rules'),
    timeseries('Query engine latency (p90)', [prom('max by (slice) (prometheus_engine_query_duration_seconds{quantile="0.9"})', '{{slice}}')], { unit: 's' }),
    timeseries('HTTP API requests', [prom('sum by (handler) (rate(prometheus_http_requests_total[$__rate_interval]))', '{{handler}}')], { unit: 'reqps' }),
    timeseries('Rule evaluation', [prom('sum(rate(prometheus_rule_evaluations_total[$__rate_interval]))', 'evaluations'), prom('sum(rate(prometheus_rule_evaluation_failures_total[$__rate_interval]))', 'failures')], { unit: 'ops' }),
    timeseries('Alert notifications', [prom('sum(rate(prometheus_notifications_sent_total[$__rate_interval]))', 'sent'), prom('sum(rate(prometheus_notifications_dropped_total[$__rate_interval]))', 'dropped')], { unit: 'ops' }),
    row('Remote write to Mimir'),
    timeseries('Samples sent and failed', [prom('sum(rate(prometheus_remote_storage_samples_total[$__rate_interval]))', 'sent'), prom('sum(rate(prometheus_remote_storage_samples_failed_total[$__rate_interval]))', 'failed')], { unit: 'ops', runbook: 'mimirremotewritefailures' }),
    timeseries('Remote write lag', [prom('max(prometheus_remote_storage_highest_timestamp_in_seconds) - max(prometheus_remote_storage_queue_highest_sent_timestamp_seconds)', 'lag')], { unit: 's', runbook: 'mimirremotewritefailures' }),
  ],
});

const mimirDashboard = dashboard({
  ...D.mimir,
  description: 'Mimir, the long-term store: ingestion, series, query latency — and long-range gateway trends read from it.',
  tags: ['mimir', 'meta'],
  variables: [providerVariable(), modelVariable()],
  links: [D.prometheus, D.traces],
  time: 'now-7d',
  panels: [
    row('Mimir'),
    stat('Mimir up', [prom('min(up{job="mimir"})')], { w: 6, thresholds: thresholds.availability, mappings: [{ type: 'value', options: { 0: { text: 'DOWN' }, 1: { text: 'UP' } } }], runbook: 'mimirdown' }),
    stat('In-memory series', [prom('sum(cortex_ingester_memory_series)')], { w: 6, unit: 'short' }),
    stat('Samples received per second', [prom('sum(rate(cortex_distributor_received_samples_total[$__rate_interval]))')], { w: 6, unit: 'short' }),
    stat('Tenants', [prom('max(cortex_ingester_memory_users)')], { w: 6, unit: 'short' }),
    latency('Request latency by route (p99)', 'cortex_request_duration_seconds', 'route', '', { quantiles: [0.99] }),
    timeseries('Requests by route and status', [prom('sum by (route, status_code) (rate(cortex_request_duration_seconds_count[$__rate_interval]))', '{{route}} {{status_code}}')], { unit: 'reqps' }),
    row('Long-range gateway trends (from Mimir)'),
    timeseries('Daily model calls by provider', [mimir(`sum by (provider) (increase(gatewayz_inference_requests_total{${PM}}[1d]))`, '{{provider}}', { interval: '1h' })], { unit: 'short', description: 'Reads the remote-written series, which outlive Prometheus\' local retention.' }),
    timeseries('Daily cost by provider', [mimir(`sum by (provider) (increase(gatewayz_cost_dollars_total{${PM}}[1d]))`, '{{provider}}', { interval: '1h' })], { unit: 'currencyUSD' }),
  ],
});

export default [lokiLogs, tempoTraces, prometheusSelf, mimirDashboard];
