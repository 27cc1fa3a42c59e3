namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>How long real-time hours live when nobody aggregates them (docs/realtime-store.md, "Retention").</summary>
internal static class RealtimeRetention
{
    /// <summary>Retention plus a day, so that an aggregator outage of up to a day loses nothing.</summary>
    public static TimeSpan SafetyTtl(int retentionHours) => TimeSpan.FromHours(retentionHours + 24);
}
