using Dapper;
using Gatewayz.Api.Database;
using Npgsql;

namespace Gatewayz.Api.Accounts.Admin;

/// <summary>The admin API's reads and writes of the account tables. Methods return null for an unknown user or key.</summary>
public sealed class AccountStore(MeteredDatabase database)
{
    public async Task<UserRecord?> CreateUserAsync(string email, string name, CancellationToken cancellationToken)
    {
        // A sign-up is a user with a trial row (signed_up_at) and an empty balance, created together.
        const string sql = """
            with inserted as (
                insert into users (email, name) values (@email, @name)
                on conflict (email) do nothing
                returning id, email, name, created_at),
            trial as (insert into trials (user_id, signed_up_at) select id, created_at from inserted),
            balance as (insert into credit_balances (user_id, balance) select id, 0 from inserted)
            select id, email, name, created_at as CreatedAt from inserted
            """;
        return await RunAsync(connection => connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(sql, new { email, name }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<ApiKeyRecord?> CreateApiKeyAsync(Guid userId, string name, string[] roles, string keyHash, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into api_keys (user_id, name, roles, key_hash)
            select id, @name, @roles, @keyHash from users where id = @userId
            returning id, user_id as UserId, name, roles, created_at as CreatedAt, revoked_at as RevokedAt, key_hash as KeyHash
            """;
        var row = await RunAsync(connection => connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(sql, new { userId, name, roles, keyHash }, cancellationToken: cancellationToken)), cancellationToken);
        return row?.Record;
    }

    /// <summary>Replaces a key's roles; returns it with its hash, so the auth cache can drop it. Null for an unknown or revoked key.</summary>
    public Task<(ApiKeyRecord Record, string KeyHash)?> SetApiKeyRolesAsync(Guid keyId, string[] roles, CancellationToken cancellationToken) =>
        UpdateApiKeyAsync("update api_keys set roles = @roles where id = @keyId and revoked_at is null", new { keyId, roles }, cancellationToken);

    /// <summary>Revokes a key; returns it with its hash, so the auth cache can drop it. Null for an unknown key.</summary>
    public Task<(ApiKeyRecord Record, string KeyHash)?> RevokeApiKeyAsync(Guid keyId, CancellationToken cancellationToken) =>
        UpdateApiKeyAsync("update api_keys set revoked_at = coalesce(revoked_at, now()) where id = @keyId", new { keyId }, cancellationToken);

    private async Task<(ApiKeyRecord Record, string KeyHash)?> UpdateApiKeyAsync(string update, object parameters, CancellationToken cancellationToken)
    {
        var sql = update + " returning id, user_id as UserId, name, roles, created_at as CreatedAt, revoked_at as RevokedAt, key_hash as KeyHash";
        var row = await RunAsync(connection => connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken);
        return row is null ? null : (row.Record, row.KeyHash);
    }

    /// <summary>
    /// Adds a ledger entry of <paramref name="amount"/> credits and returns the new balance. A grant that would take
    /// the balance past its column throws <see cref="AdminFieldRules.BalanceOutOfRange"/>'s 400; the entry is not stored.
    /// </summary>
    public async Task<CreditBalanceRecord?> GrantCreditsAsync(Guid userId, decimal amount, string reason, CancellationToken cancellationToken)
    {
        // The ledger trigger updates credit_balances in this same statement's transaction.
        const string sql = """
            with entry as (
                insert into credit_ledger (user_id, amount, reason)
                select id, @amount, @reason from users where id = @userId
                returning user_id)
            select user_id as UserId from entry
            """;
        Guid? granted;
        try
        {
            granted = await RunAsync(connection => connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { userId, amount, reason }, cancellationToken: cancellationToken)), cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            // The amount itself fits the ledger (AdminFieldRules.Amount); only the trigger's new balance can overflow,
            // and that fails the whole statement, ledger insert included.
            throw AdminFieldRules.BalanceOutOfRange();
        }
        return granted is null ? null : await GetBalanceAsync(userId, cancellationToken);
    }

    public async Task<CreditBalanceRecord?> GetBalanceAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = """
            select u.id as UserId, coalesce(b.balance, 0) as Balance
            from users u left join credit_balances b on b.user_id = u.id where u.id = @userId
            """;
        return await RunAsync(connection => connection.QuerySingleOrDefaultAsync<CreditBalanceRecord>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<TrialRecord?> StartTrialAsync(Guid userId, int days, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into trials (user_id, signed_up_at, started_at, expires_at)
            select id, created_at, now(), now() + make_interval(days => @days) from users where id = @userId
            on conflict (user_id) do update set started_at = coalesce(trials.started_at, now()), expires_at = excluded.expires_at
            returning user_id as UserId, signed_up_at as SignedUpAt, started_at as StartedAt, converted_at as ConvertedAt, expires_at as ExpiresAt
            """;
        return await RunAsync(connection => connection.QuerySingleOrDefaultAsync<TrialRecord>(new CommandDefinition(sql, new { userId, days }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<TrialRecord?> ConvertTrialAsync(Guid userId, CancellationToken cancellationToken)
    {
        const string sql = """
            update trials set converted_at = coalesce(converted_at, now()), started_at = coalesce(started_at, now())
            where user_id = @userId
            returning user_id as UserId, signed_up_at as SignedUpAt, started_at as StartedAt, converted_at as ConvertedAt, expires_at as ExpiresAt
            """;
        return await RunAsync(connection => connection.QuerySingleOrDefaultAsync<TrialRecord>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<SubscriptionRecord?> SetSubscriptionAsync(Guid userId, string tier, string status, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into subscriptions (user_id, tier, status)
            select id, @tier, @status from users where id = @userId
            on conflict (user_id) do update set tier = excluded.tier, status = excluded.status, updated_at = now()
            returning user_id as UserId, tier, status, started_at as StartedAt, updated_at as UpdatedAt
            """;
        return await RunAsync(connection => connection.QuerySingleOrDefaultAsync<SubscriptionRecord>(new CommandDefinition(sql, new { userId, tier, status }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ListTiersAsync(CancellationToken cancellationToken)
    {
        var tiers = await RunAsync(connection => connection.QueryAsync<string>(new CommandDefinition("select tier from plans", cancellationToken: cancellationToken)), cancellationToken);
        return tiers.ToHashSet(StringComparer.Ordinal);
    }

    private Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken) =>
        database.RunAsync(DatabaseOperations.AccountAdmin, work, cancellationToken);

    /// <summary>
    /// An <c>api_keys</c> row. Settable properties, not a constructor: Npgsql reports an array column's type as
    /// <see cref="Array"/>, which Dapper cannot match to a constructor's <c>string[]</c>.
    /// </summary>
    private sealed class KeyRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public DateTime CreatedAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public string KeyHash { get; init; } = "";

        public ApiKeyRecord Record => new(Id, UserId, Name, Roles, CreatedAt, RevokedAt);
    }
}
