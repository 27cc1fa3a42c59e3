namespace Gatewayz.Api.Auth;

public interface IApiKeyStore
{
    /// <summary>Resolves a presented key (already hashed) to the client it belongs to, or null.</summary>
    ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken);
}
