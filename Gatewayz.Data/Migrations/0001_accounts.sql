-- Accounts: users, hashed API keys, plans and subscriptions, trials, and the credit ledger.
create table users (
    id          uuid primary key default gen_random_uuid(),
    email       text not null unique,
    name        text not null default '',
    created_at  timestamptz not null default now()
);

-- Keys are stored as the SHA-256 of the key (lowercase hex) only; the plain key is shown once.
create table api_keys (
    id          uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users (id),
    name        text not null,
    key_hash    char(64) not null unique,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz null
);
create index api_keys_user on api_keys (user_id);

create table plans (
    tier             text primary key,
    name             text not null,
    monthly_price    numeric(12, 2) not null,
    monthly_credits  numeric(20, 8) not null
);
insert into plans (tier, name, monthly_price, monthly_credits) values
    ('free', 'Free', 0, 1),
    ('starter', 'Starter', 5, 6),
    ('pro', 'Pro', 20, 25),
    ('enterprise', 'Enterprise', 500, 750);

create table subscriptions (
    user_id     uuid primary key references users (id),
    tier        text not null references plans (tier),
    status      text not null check (status in ('active', 'cancelled')),
    started_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table trials (
    user_id       uuid primary key references users (id),
    signed_up_at  timestamptz not null default now(),
    started_at    timestamptz null,
    converted_at  timestamptz null,
    expires_at    timestamptz null
);

-- Every change to a user's credits is a ledger entry (positive: grant, negative: usage). A request
-- is debited at most once: its id is unique, so a retried batch cannot debit twice.
create table credit_ledger (
    id          bigserial primary key,
    user_id     uuid not null references users (id),
    amount      numeric(20, 8) not null,
    reason      text not null,
    request_id  text null,
    created_at  timestamptz not null default now()
);
create unique index credit_ledger_request on credit_ledger (request_id) where request_id is not null;
create index credit_ledger_user on credit_ledger (user_id, created_at desc);

-- The balance is kept by a trigger in the same transaction as the ledger insert, so the two can
-- never disagree.
create table credit_balances (
    user_id     uuid primary key references users (id),
    balance     numeric(20, 8) not null default 0,
    updated_at  timestamptz not null default now()
);

create function credit_ledger_apply() returns trigger language plpgsql as $$
begin
    insert into credit_balances (user_id, balance, updated_at)
    values (new.user_id, new.amount, now())
    on conflict (user_id) do update
        set balance = credit_balances.balance + excluded.balance, updated_at = now();
    return new;
end;
$$;

create trigger credit_ledger_apply after insert on credit_ledger
    for each row execute function credit_ledger_apply();
