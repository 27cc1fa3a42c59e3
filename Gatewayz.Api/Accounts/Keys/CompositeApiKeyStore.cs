using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Accounts.Keys;

/// <summary>Keys from configuration first (no database round trip, never metered), then the account database.</summary>
public sealed class CompositeApiKeyStore(ConfiguredApiKeyStore configured, PostgresApiKeyStore database) : IApiKeyStore
{
    public async ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken) =>
        await configured.FindAsync(hash, cancellationToken) ?? await database.FindAsync(hash, cancellationToken);
}
