namespace Gatewayz.RealtimeMetrics;

/// <summary>One of the last errors of a provider (the last 100 per provider are kept).</summary>
public sealed record RecentError(string Model, string Error, double Timestamp, double LatencyMs);
