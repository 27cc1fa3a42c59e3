using Gatewayz.RealtimeMetrics.Store;

namespace Gatewayz.Api.Metrics;

/// <summary>Publishes the real-time store's dropped-outcome count at scrape time.</summary>
public sealed class RealtimeQueueGauge
{
    public RealtimeQueueGauge(RealtimeMetricsStore store, GatewayMetrics metrics) =>
        metrics.Registry.AddBeforeCollectCallback(() => metrics.RealtimeOutcomesDropped.IncTo(store.DroppedOutcomes));
}
