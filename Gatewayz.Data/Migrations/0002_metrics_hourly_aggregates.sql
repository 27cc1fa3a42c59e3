-- Hourly history moved here from the real-time store by Gatewayz.Aggregator (seed 003).
create table metrics_hourly_aggregates (
    hour            timestamptz not null,
    provider        text not null,
    model           text not null,
    requests        bigint not null,
    successes       bigint not null,
    failures        bigint not null,
    avg_latency_ms  double precision not null,
    p50_latency_ms  double precision not null,
    p95_latency_ms  double precision not null,
    p99_latency_ms  double precision not null,
    tokens_in       bigint not null,
    tokens_out      bigint not null,
    cost            numeric(20, 6) not null,
    errors_by_type  jsonb not null default '{}',
    aggregated_at   timestamptz not null default now(),
    -- The upsert key; its unique index is also the (hour, provider, model) index.
    constraint metrics_hourly_aggregates_key unique (hour, provider, model)
);
create index metrics_hourly_aggregates_hour on metrics_hourly_aggregates (hour desc);
create index metrics_hourly_aggregates_provider_hour on metrics_hourly_aggregates (provider, hour desc);

create materialized view provider_stats_24h as
select provider,
       sum(requests)::bigint                                                   as total_requests,
       sum(successes)::bigint                                                  as successful_requests,
       sum(failures)::bigint                                                   as failed_requests,
       coalesce(sum(avg_latency_ms * requests) / nullif(sum(requests), 0), 0)  as avg_latency_ms,
       sum(cost)                                                               as total_cost,
       sum(tokens_in + tokens_out)::bigint                                     as total_tokens,
       count(distinct model)::int                                              as unique_models,
       max(hour)                                                               as last_hour
from metrics_hourly_aggregates
where hour >= now() - interval '24 hours'
group by provider;

-- Required by REFRESH MATERIALIZED VIEW CONCURRENTLY.
create unique index provider_stats_24h_provider on provider_stats_24h (provider);
