using System.Text.Json.Serialization;

namespace Gatewayz.Api.Health;

/// <summary>A health score as stored in the Redis hashes <c>gwz:health:providers</c> and <c>gwz:health:models</c>.</summary>
public sealed record StoredHealth(
    [property: JsonPropertyName("health_score")] double HealthScore,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_updated")] DateTimeOffset LastUpdated)
{
    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    public static HealthStatus ParseStatus(string status) => status switch
    {
        "healthy" => HealthStatus.Healthy,
        "degraded" => HealthStatus.Degraded,
        _ => HealthStatus.Unhealthy,
    };
}
