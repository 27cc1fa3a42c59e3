-- Debits Postgres refused for good: a data exception (class 22, e.g. 22003 numeric field overflow when a
-- balance sits at its column's limit) or a constraint violation (class 23). Retrying them would block every
-- later debit behind them, so the gateway moves each here with the refusal instead, for an operator to
-- correct the account and re-apply the debit by hand. One row per request, like the ledger.
create table credit_dead_letters (
    request_id  text primary key,
    -- No reference to users: a debit refused because its user is gone must still find a place here.
    user_id     uuid not null,
    -- Unconstrained, unlike the ledger's numeric(20, 8): an amount the ledger could not hold fits here.
    amount      numeric not null,
    reason      text not null,
    sqlstate    char(5) not null,
    error       text not null,
    created_at  timestamptz not null default now()
);
create index credit_dead_letters_user on credit_dead_letters (user_id, created_at desc);
