namespace Gatewayz.RealtimeMetrics;

/// <summary>Everything the real-time store knows about one provider and model in one UTC hour.</summary>
public sealed record HourlyCounters(
    DateTimeOffset Hour,
    string Provider,
    string Model,
    long Requests,
    long Successes,
    long Failures,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    IReadOnlyDictionary<string, long> ErrorsByType,
    LatencyHistogram Latency);
