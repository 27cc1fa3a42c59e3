namespace Gatewayz.RealtimeMetrics;

/// <summary>One of the last errors of a provider (seed 003: the last 100 per provider).</summary>
public sealed record RecentError(string Model, string Error, double Timestamp, double LatencyMs);
