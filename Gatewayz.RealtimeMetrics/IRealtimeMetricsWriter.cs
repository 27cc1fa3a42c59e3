namespace Gatewayz.RealtimeMetrics;

public interface IRealtimeMetricsWriter
{
    /// <summary>Queues an outcome for the store. Never blocks the request and never throws.</summary>
    void Record(in RequestOutcome outcome);
}
