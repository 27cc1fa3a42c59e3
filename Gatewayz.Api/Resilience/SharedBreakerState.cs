using System.Text.Json.Serialization;

namespace Gatewayz.Api.Resilience;

/// <summary>A route's breaker as stored in Redis (<c>gwz:breakers</c>, field <c>{provider}|{model}</c>) for every replica.</summary>
public sealed record SharedBreakerState(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("failure_count")] int FailureCount,
    [property: JsonPropertyName("open_until")] DateTimeOffset? OpenUntil,
    [property: JsonPropertyName("last_updated")] DateTimeOffset LastUpdated,
    [property: JsonPropertyName("instance")] string Instance)
{
    public bool IsOpenAt(DateTimeOffset now) => State == BreakerStates.Open && OpenUntil > now;
}
