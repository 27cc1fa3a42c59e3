import { dashboards as D } from '../catalog.mjs';
import { dashboard, timeseries, stat, bargauge, table, row, prom, sql, providerVariable, modelVariable, PM } from '../panels.mjs';

// Postgres tables assumed here (see docs/dashboards.md): metrics_hourly_aggregates(hour, provider, model,
// requests, successes, failures, p50/p95/p99_latency_ms, tokens_in, tokens_out, cost),
// users(id, email, created_at, trial_started_at, trial_converted_at, trial_expires_at) and
// credit_ledger(id, user_id, amount, kind, created_at) with debits as negative amounts of kind 'usage'.
const providerFilter = "provider ~ '^(${provider:regex})$' AND model ~ '^(${model:regex})$'";

export default [dashboard({
  ...D.business,
  description: 'Trials, subscriptions, spend and cost — live from Prometheus, history from Postgres.',
  tags: ['business'],
  variables: [providerVariable(), modelVariable()],
  links: [D.executive, D.modelUsage, D.gatewayComparison],
  refresh: '1m',
  time: 'now-7d',
  panels: [
    row('Customers'),
    stat('Active trials', [prom('sum(gatewayz_active_trials)')], { unit: 'short' }),
    stat('Active API keys', [prom('sum(gatewayz_active_api_keys)')], { unit: 'short' }),
    stat('Credits used', [prom(`sum(increase(gatewayz_credits_used_total{${PM}}[$__range]))`)], { unit: 'currencyUSD', runbook: 'creditburnspike', description: 'Credits debited from clients in the range (1 credit = 1 USD).' }),
    stat('Gross margin', [prom(`sum(increase(gatewayz_credits_used_total{${PM}}[$__range])) - sum(increase(gatewayz_cost_dollars_total{${PM}}[$__range]))`)], { unit: 'currencyUSD', description: 'Credits debited minus upstream cost.' }),
    bargauge('Trial funnel', [sql(`SELECT 'signed up' AS stage, count(*) AS users FROM users WHERE $__timeFilter(created_at)
UNION ALL SELECT 'trial started', count(*) FROM users WHERE $__timeFilter(created_at) AND trial_started_at IS NOT NULL
UNION ALL SELECT 'trial active', count(*) FROM users WHERE $__timeFilter(created_at) AND trial_started_at IS NOT NULL AND trial_converted_at IS NULL AND trial_expires_at > now()
UNION ALL SELECT 'converted', count(*) FROM users WHERE $__timeFilter(created_at) AND trial_converted_at IS NOT NULL`)], { unit: 'short', description: 'Users who signed up in the range, by how far they got.' }),
    timeseries('Subscriptions by tier', [prom('sum by (tier) (gatewayz_active_subscriptions)', '{{tier}}')], { unit: 'short', stack: true }),
    row('Spend'),
    timeseries('Cost per hour by provider (live)', [prom(`3600 * sum by (provider) (rate(gatewayz_cost_dollars_total{${PM}}[$__rate_interval]))`, '{{provider}}')], { unit: 'currencyUSD', stack: true, runbook: 'highcostrate' }),
    timeseries('Credits per hour by model (live)', [prom(`3600 * sum by (model) (rate(gatewayz_credits_used_total{${PM}}[$__rate_interval]))`, '{{model}}')], { unit: 'currencyUSD', stack: true, runbook: 'creditburnspike' }),
    timeseries('Hourly cost by provider (Postgres)', [sql(`SELECT $__timeGroupAlias(hour, '1h'), provider AS metric, sum(cost) AS cost
FROM metrics_hourly_aggregates
WHERE $__timeFilter(hour) AND ${providerFilter}
GROUP BY 1, 2 ORDER BY 1`, 'time_series')], { unit: 'currencyUSD', stack: true, description: 'From the hourly aggregates the aggregator writes.' }),
    table('Cost and tokens by model (Postgres)', [sql(`SELECT provider, model, sum(requests) AS requests, sum(failures) AS failures,
  sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, round(sum(cost)::numeric, 2) AS cost_usd
FROM metrics_hourly_aggregates
WHERE $__timeFilter(hour) AND ${providerFilter}
GROUP BY provider, model ORDER BY cost_usd DESC LIMIT 25`)], { w: 12, h: 10, unit: 'short', overrides: [{ matcher: { id: 'byName', options: 'cost_usd' }, properties: [{ id: 'unit', value: 'currencyUSD' }] }] }),
    table('Top spenders (Postgres)', [sql(`SELECT u.email, round(sum(-l.amount)::numeric, 2) AS spent_usd, count(*) AS debits, max(l.created_at) AS last_debit
FROM credit_ledger l JOIN users u ON u.id = l.user_id
WHERE l.kind = 'usage' AND $__timeFilter(l.created_at)
GROUP BY u.email ORDER BY spent_usd DESC LIMIT 10`)], { w: 12, h: 10, overrides: [{ matcher: { id: 'byName', options: 'spent_usd' }, properties: [{ id: 'unit', value: 'currencyUSD' }] }] }),
  ],
})];
