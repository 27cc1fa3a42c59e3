using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.RateLimiting;

/// <summary>The <c>rate_limit</c> cache layer: each key's limits, kept for <see cref="RateLimitOptions.PolicyCacheSeconds"/>.</summary>
public sealed class RateLimitPolicyCache(IRateLimitPolicySource source, CacheMetrics metrics, TimeProvider time, IOptions<RateLimitOptions> options)
{
    private readonly ExpiringCache<string, RateLimitPolicy> _cache =
        new(CacheLayer.RateLimit, metrics, time, TimeSpan.FromSeconds(options.Value.PolicyCacheSeconds));

    public async ValueTask<RateLimitPolicy> GetAsync(ClientIdentity client, CancellationToken cancellationToken) =>
        (await _cache.GetOrLoadAsync(client.KeyId, (source, client),
            static async (state, token) => await state.source.GetAsync(state.client, token), cancellationToken))!;
}
