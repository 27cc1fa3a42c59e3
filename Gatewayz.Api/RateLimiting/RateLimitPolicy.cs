namespace Gatewayz.Api.RateLimiting;

/// <summary>One client's per-minute budgets.</summary>
public sealed record RateLimitPolicy(long KeyRequestsPerMinute, long KeyTokensPerMinute, long UserRequestsPerMinute, long UserTokensPerMinute)
{
    public long LimitOf(LimitType type) => type switch
    {
        LimitType.KeyRequests => KeyRequestsPerMinute,
        LimitType.KeyTokens => KeyTokensPerMinute,
        LimitType.UserRequests => UserRequestsPerMinute,
        _ => UserTokensPerMinute,
    };
}
