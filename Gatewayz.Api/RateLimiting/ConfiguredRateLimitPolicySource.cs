using Gatewayz.Api.Auth;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.RateLimiting;

/// <summary>Everyone gets the configured <c>Gatewayz:RateLimits</c>.</summary>
public sealed class ConfiguredRateLimitPolicySource(IOptions<RateLimitOptions> options) : IRateLimitPolicySource
{
    private readonly RateLimitPolicy _policy = new(options.Value.KeyRequestsPerMinute, options.Value.KeyTokensPerMinute,
        options.Value.UserRequestsPerMinute, options.Value.UserTokensPerMinute);

    public ValueTask<RateLimitPolicy> GetAsync(ClientIdentity client, CancellationToken cancellationToken) => ValueTask.FromResult(_policy);
}
