namespace Gatewayz.RealtimeMetrics;

/// <summary>Told how long each Redis round trip took (the gateway turns it into a histogram).</summary>
public interface IRedisOperationObserver
{
    /// <param name="operation">One of <see cref="RedisOperations"/>.</param>
    void Completed(string operation, TimeSpan duration);
}
