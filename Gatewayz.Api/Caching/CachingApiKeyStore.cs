using Gatewayz.Api.Auth;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;

namespace Gatewayz.Api.Caching;

/// <summary>
/// The <c>auth</c> cache layer: resolved keys are kept for <see cref="CacheOptions.ApiKeySeconds"/> in front of
/// the real <see cref="IApiKeyStore"/> (configuration now, the account database later). Unknown keys are
/// not cached, so a key created a moment ago works at once; a revoked key works until its entry expires.
/// </summary>
public sealed class CachingApiKeyStore(IApiKeyStore inner, CacheMetrics metrics, TimeProvider time, TimeSpan timeToLive) : IApiKeyStore
{
    private readonly ExpiringCache<ApiKeyHash, ClientIdentity> _cache = new(CacheLayer.Auth, metrics, time, timeToLive);

    public ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken)
    {
        // The label flows into a miss's database lookup too: its continuation captured the context.
        using (ProfilingLabels.Enter(CacheLayer.Auth))
            return _cache.GetOrLoadAsync(hash, (inner, hash), static (state, token) => state.inner.FindAsync(state.hash, token), cancellationToken);
    }

    /// <summary>Drops a revoked key at once on this replica (other replicas drop it when their entry expires).</summary>
    public void Forget(ApiKeyHash hash) => _cache.Remove(hash);

    public ValueTask<int?> CountActiveAsync(CancellationToken cancellationToken) => inner.CountActiveAsync(cancellationToken);
}
