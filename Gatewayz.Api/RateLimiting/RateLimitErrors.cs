using Gatewayz.Api.Errors;

namespace Gatewayz.Api.RateLimiting;

public static class RateLimitErrors
{
    public static GatewayError Exceeded(LimitType type, long limit, TimeSpan retryAfter)
    {
        var what = type switch
        {
            LimitType.KeyRequests => $"{limit} requests per minute for this API key",
            LimitType.KeyTokens => $"{limit} tokens per minute for this API key",
            LimitType.UserRequests => $"{limit} requests per minute for this user",
            _ => $"{limit} tokens per minute for this user",
        };
        return new GatewayError(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
            $"Rate limit reached: {what}. Try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.", RetryAfter: retryAfter);
    }

    /// <summary>A client address that has used up its failed authentications for the minute.</summary>
    public static GatewayError FailedAuthentications(int limit, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
            $"Too many requests with an invalid API key or admin token from this address ({limit} per minute). Try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
            RetryAfter: retryAfter);
}
