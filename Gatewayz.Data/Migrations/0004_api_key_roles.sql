-- What a key may do besides calling models. 'monitoring' opens the platform-wide monitoring and analytics
-- API (every customer's traffic, spend and trial funnel); a key without it sees only its own usage.
-- Set through the admin API; the admin API checks each role against the ones the gateway knows.
alter table api_keys add column roles text[] not null default '{}';
