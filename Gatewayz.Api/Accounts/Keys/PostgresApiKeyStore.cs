using System.Collections.Concurrent;
using Dapper;
using Gatewayz.Api.Auth;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatewayz.Api.Accounts.Keys;

/// <summary>
/// API keys from the account database, looked up by hash and cached for <see cref="AccountsOptions.ApiKeyCacheSeconds"/>
/// (misses too, so a flood of bad keys costs one query per key and period). A revocation on this
/// replica takes effect at once; other replicas see it when their entry expires.
/// </summary>
public sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource, IOptions<AccountsOptions> options, TimeProvider time) : IApiKeyStore
{
    private const string FindSql = """
        select k.id::text as KeyId, k.user_id::text as UserId, k.name as KeyName
        from api_keys k where k.key_hash = @hash and k.revoked_at is null
        """;

    private readonly ConcurrentDictionary<string, (ClientIdentity? Identity, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash.Hex, out var cached) && cached.Expires > now)
            return cached.Identity;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(FindSql, new { hash = hash.Hex }, cancellationToken: cancellationToken));
        var identity = row is null ? null : new ClientIdentity(row.KeyId, row.UserId, row.KeyName);
        if (_cache.Count > 100_000) _cache.Clear();
        _cache[hash.Hex] = (identity, now.AddSeconds(options.Value.ApiKeyCacheSeconds));
        return identity;
    }

    public void Forget(string keyId)
    {
        foreach (var (hash, entry) in _cache)
            if (entry.Identity?.KeyId == keyId) _cache.TryRemove(hash, out _);
    }

    private sealed record KeyRow(string KeyId, string UserId, string KeyName);
}
