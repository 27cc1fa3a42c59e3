namespace Gatewayz.Api.RateLimiting;

/// <summary>The limits checked for every request, in the order they are checked; also the <c>limit_type</c> label.</summary>
public enum LimitType
{
    KeyRequests,
    KeyTokens,
    UserRequests,
    UserTokens,
}
