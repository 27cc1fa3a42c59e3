using Gatewayz.Api.Auth;

namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// A client's limits. The configured defaults for now; an account database can supply per-plan limits
/// by registering its own source (results are cached per key, the <c>rate_limit</c> cache layer).
/// </summary>
public interface IRateLimitPolicySource
{
    ValueTask<RateLimitPolicy> GetAsync(ClientIdentity client, CancellationToken cancellationToken);
}
