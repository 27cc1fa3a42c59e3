import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, table, row, prom, sql, thresholds, onGateway } from '../panels.mjs';

const sizeP95 = (histogram) => `histogram_quantile(0.95, sum by (le, route) (rate(${histogram}_bucket[$__rate_interval])))`;

export default [dashboard({
  ...D.backend,
  description: 'The API process, its Redis (redis_exporter) and its Postgres.',
  tags: ['backend', 'redis', 'postgres'],
  links: [D.goldenSignals, D.database, D.cacheProfile, D.logs],
  panels: [
    row('API'),
    timeseries('Requests by route', [prom('sum by (route, method) (rate(gatewayz_http_requests_total[$__rate_interval]))', '{{method}} {{route}}')], { unit: 'reqps' }),
    latency('Latency by route (p95)', 'gatewayz_http_request_duration_seconds', 'route', '', { quantiles: [0.95], runbook: 'highapilatency' }),
    timeseries('Request and response size (p95)', [prom(sizeP95('gatewayz_http_request_size_bytes'), 'request {{route}}'), prom(sizeP95('gatewayz_http_response_size_bytes'), 'response {{route}}')], { w: 8, unit: 'bytes' }),
    timeseries('Unhandled exceptions', [prom('sum by (exception_type) (rate(gatewayz_http_exceptions_total[$__rate_interval]))', '{{exception_type}}')], { w: 8, unit: 'short', runbook: 'unhandledexceptions', description: 'Exceptions that escaped a handler, by type.' }),
    timeseries('Threads and GC', [prom(`sum(process_num_threads ${onGateway})`, 'threads'), prom('sum by (generation) (rate(dotnet_collection_count_total[$__rate_interval]))', 'GC gen {{generation}}/s')], { w: 8, unit: 'short' }),
    row('Redis'),
    stat('Redis up', [prom('min(redis_up)')], { w: 4, thresholds: thresholds.availability, mappings: [{ type: 'value', options: { 0: { text: 'DOWN' }, 1: { text: 'UP' } } }], runbook: 'redisconnectionfailures' }),
    stat('Connected clients', [prom('sum(redis_connected_clients)')], { w: 4, unit: 'short' }),
    stat('Memory used', [prom('sum(redis_memory_used_bytes)')], { w: 4, unit: 'bytes' }),
    stat('Keyspace hit ratio', [prom('sum(rate(redis_keyspace_hits_total[$__rate_interval])) / (sum(rate(redis_keyspace_hits_total[$__rate_interval])) + sum(rate(redis_keyspace_misses_total[$__rate_interval])))')], { w: 4, unit: 'percentunit' }),
    stat('Gateway fallbacks to memory', [prom('sum(increase(gatewayz_redis_connection_failures_total[$__range]))')], { w: 8, unit: 'short', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] }, runbook: 'redisconnectionfailures', description: 'Redis operations that failed, so the gateway used its in-memory fallback.' }),
    timeseries('Redis commands per second', [prom('sum(rate(redis_commands_processed_total[$__rate_interval]))', 'commands')], { w: 8, unit: 'ops' }),
    latency('Gateway Redis round trips (p95)', 'gatewayz_redis_operation_duration_seconds', 'operation', '', { w: 8, quantiles: [0.95] }),
    timeseries('Redis memory', [prom('sum(redis_memory_used_bytes)', 'used'), prom('sum(redis_memory_max_bytes)', 'max')], { w: 8, unit: 'bytes', runbook: 'redismemoryhigh' }),
    row('Postgres'),
    latency('Query duration by operation (p95)', 'gatewayz_database_query_duration_seconds', 'operation', '', { quantiles: [0.95], runbook: 'databasequeryslow' }),
    timeseries('Connections by state', [sql("SELECT now() AS time, coalesce(state, 'background') AS metric, count(*) AS value FROM pg_stat_activity GROUP BY 2 ORDER BY 2", 'time_series')], { unit: 'short', description: 'pg_stat_activity right now (one point per refresh).' }),
    table('Database statistics', [sql("SELECT datname AS database, numbackends AS connections, xact_commit AS commits, xact_rollback AS rollbacks, round(100.0 * blks_hit / nullif(blks_hit + blks_read, 0), 2) AS cache_hit_percent, pg_size_pretty(pg_database_size(datname)) AS size FROM pg_stat_database WHERE datname = current_database()")], { description: 'From pg_stat_database.' }),
  ],
})];
