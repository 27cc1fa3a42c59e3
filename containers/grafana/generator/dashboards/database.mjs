import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, latency, stat, table, heatmap, row, prom, sql, thresholds } from '../panels.mjs';

export default [dashboard({
  ...D.database,
  description: 'Queries the gateway and aggregator run against Postgres, and Postgres itself.',
  tags: ['database', 'postgres'],
  links: [D.backend, D.business],
  panels: [
    row('Queries from the services'),
    stat('Query error ratio', [prom('(sum(rate(gatewayz_database_queries_total{status!="success"}[$__rate_interval])) or vector(0)) / sum(rate(gatewayz_database_queries_total[$__rate_interval]))')], { w: 6, h: 8, unit: 'percentunit', thresholds: thresholds.errorRatio, runbook: 'highdatabaseerrorrate' }),
    timeseries('Queries by operation and outcome', [prom('sum by (operation, status) (rate(gatewayz_database_queries_total[$__rate_interval]))', '{{operation}} {{status}}')], { w: 18, unit: 'ops', runbook: 'highdatabaseerrorrate' }),
    latency('Query duration by operation', 'gatewayz_database_query_duration_seconds', 'operation', '', { w: 12, quantiles: [0.5, 0.95, 0.99], runbook: 'databasequeryslow' }),
    heatmap('Query duration distribution', 'gatewayz_database_query_duration_seconds', '', { w: 12, runbook: 'databasequeryslow' }),
    row('Postgres'),
    stat('Connections', [sql('SELECT count(*) AS connections FROM pg_stat_activity WHERE datname = current_database()')], { w: 6, unit: 'short' }),
    stat('Waiting on locks', [sql("SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock'")], { w: 6, unit: 'short', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] } }),
    stat('Latest hourly aggregate', [sql("SELECT extract(epoch FROM now() - max(hour)) AS age FROM metrics_hourly_aggregates")], { w: 6, unit: 's', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 7200 }] }, description: 'Age of the newest row the aggregator wrote; above 2 h the aggregator is behind.' }),
    stat('Database size', [sql('SELECT pg_database_size(current_database()) AS size')], { w: 6, unit: 'bytes' }),
    table('Tables', [sql(`SELECT relname AS table, n_live_tup AS live_rows, n_dead_tup AS dead_rows, seq_scan, idx_scan,
  pg_total_relation_size(relid) AS size_bytes, last_autovacuum
FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 20`)], { overrides: [{ matcher: { id: 'byName', options: 'size_bytes' }, properties: [{ id: 'unit', value: 'bytes' }] }] }),
    table('Long-running queries', [sql(`SELECT pid, state, now() - query_start AS running_for, left(query, 120) AS query
FROM pg_stat_activity WHERE state <> 'idle' AND query_start < now() - interval '5 seconds' ORDER BY query_start LIMIT 20`)], { runbook: 'databasequeryslow' }),
  ],
})];
