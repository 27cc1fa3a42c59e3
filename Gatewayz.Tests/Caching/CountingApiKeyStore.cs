using Gatewayz.Api.Auth;

namespace Gatewayz.Tests.Caching;

/// <summary>A key store that counts how often the gateway really asks it.</summary>
internal sealed class CountingApiKeyStore(IApiKeyStore inner) : IApiKeyStore
{
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return inner.FindAsync(hash, cancellationToken);
    }
}
