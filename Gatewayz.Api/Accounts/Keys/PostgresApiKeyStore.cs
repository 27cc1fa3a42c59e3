using Dapper;
using Gatewayz.Api.Database;
using Gatewayz.Api.Auth;
using Npgsql;

namespace Gatewayz.Api.Accounts.Keys;

/// <summary>
/// API keys from the account database, looked up by hash. The auth cache (<c>CachingApiKeyStore</c>)
/// sits in front of it, so most requests never reach Postgres.
/// </summary>
public sealed class PostgresApiKeyStore(MeteredDatabase database) : IApiKeyStore
{
    private const string FindSql = """
        select id::text as KeyId, user_id::text as UserId, name as KeyName, roles as Roles
        from api_keys where key_hash = @hash and revoked_at is null
        """;

    public async ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        try
        {
            var row = await database.RunAsync(DatabaseOperations.ApiKeyLookup, connection =>
                connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(FindSql, new { hash = hash.Hex }, cancellationToken: cancellationToken)), cancellationToken);
            return row is null ? null : new ClientIdentity(row.KeyId, row.UserId, row.KeyName, row.Roles);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Neither known nor unknown: the auth cache falls back to the key's last resolution, or the request gets a 503.
            throw new ApiKeyStoreUnavailableException(exception);
        }
    }

    /// <summary>Settable properties: Npgsql reports <c>roles</c> (text[]) as <see cref="Array"/>, which Dapper cannot match to a constructor.</summary>
    private sealed class KeyRow
    {
        public string KeyId { get; init; } = "";
        public string UserId { get; init; } = "";
        public string KeyName { get; init; } = "";
        public string[] Roles { get; init; } = [];
    }
}
