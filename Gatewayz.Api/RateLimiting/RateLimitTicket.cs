namespace Gatewayz.Api.RateLimiting;

/// <summary>An admitted request, kept to correct its token estimate with the real usage afterwards.</summary>
/// <param name="AdmittedLocally">Admitted by <see cref="RateLimitHeadroom"/>; Redis hears of it from the flusher.</param>
public readonly record struct RateLimitTicket(RateLimitRequest Request, bool CountedInRedis, bool AdmittedLocally = false)
{
    public bool IsActive => Request.Client is not null;
}
