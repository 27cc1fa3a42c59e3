namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>The observer when nobody measures Redis round trips (the aggregator).</summary>
internal sealed class NoRedisOperationObserver : IRedisOperationObserver
{
    public void Completed(string operation, TimeSpan duration)
    {
    }
}
