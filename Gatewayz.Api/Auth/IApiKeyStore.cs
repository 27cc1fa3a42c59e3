namespace Gatewayz.Api.Auth;

public interface IApiKeyStore
{
    /// <summary>Resolves a presented key (already hashed) to the client it belongs to, or null.</summary>
    ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken);

    /// <summary>How many keys are active (for <c>gatewayz_active_api_keys</c>), or null when the store cannot tell.</summary>
    ValueTask<int?> CountActiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<int?>(null);
}
