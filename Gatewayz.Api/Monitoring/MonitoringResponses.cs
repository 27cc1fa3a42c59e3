namespace Gatewayz.Api.Monitoring;

/// <summary>The real-time answers of the monitoring API; property names become snake_case fields.</summary>
public static class MonitoringResponses
{
    public sealed record ProviderHealth(string Provider, double HealthScore, string Status, DateTimeOffset LastUpdated);

    public sealed record RecentErrorEntry(string Model, string Error, double Timestamp, double LatencyMs);

    public sealed record ProviderRealtime(long TotalRequests, decimal TotalCost, double HealthScore);

    public sealed record RealtimeStats(DateTimeOffset Timestamp, IReadOnlyDictionary<string, ProviderRealtime> Providers, long TotalRequests, decimal TotalCost, double AvgHealthScore);

    public sealed record CircuitBreaker(string Provider, string Model, string State, int FailureCount, bool IsAvailable, double LastUpdated);
}
