namespace Gatewayz.Api.RateLimiting;

/// <summary>An admitted request, kept to correct its token estimate with the real usage afterwards.</summary>
public readonly record struct RateLimitTicket(RateLimitRequest Request, bool CountedInRedis)
{
    public bool IsActive => Request.Client is not null;
}
