namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>The counters of one <see cref="SeriesKey"/> while they are being added up (not thread-safe).</summary>
internal sealed class HourAccumulator
{
    public long Requests;
    public long Successes;
    public long Failures;
    public long InputTokens;
    public long OutputTokens;
    public long CostMicros;
    public Dictionary<string, long> ErrorsByType { get; } = new(StringComparer.Ordinal);
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Cost is kept in micro-dollars so that Redis can add it with HINCRBY.</summary>
    public static long ToMicros(decimal cost) => (long)Math.Round(cost * 1_000_000m, MidpointRounding.AwayFromZero);

    public void Add(in RequestOutcome outcome)
    {
        Requests++;
        if (outcome.Success)
        {
            Successes++;
        }
        else
        {
            Failures++;
            var type = outcome.ErrorType ?? "unknown";
            ErrorsByType[type] = ErrorsByType.GetValueOrDefault(type) + 1;
        }
        InputTokens += outcome.InputTokens;
        OutputTokens += outcome.OutputTokens;
        CostMicros += ToMicros(outcome.Cost);
        Latency.Record(outcome.LatencyMs);
    }

    public void Merge(HourAccumulator other)
    {
        Requests += other.Requests;
        Successes += other.Successes;
        Failures += other.Failures;
        InputTokens += other.InputTokens;
        OutputTokens += other.OutputTokens;
        CostMicros += other.CostMicros;
        foreach (var (type, count) in other.ErrorsByType)
            ErrorsByType[type] = ErrorsByType.GetValueOrDefault(type) + count;
        Latency.Merge(other.Latency);
    }

    public HourlyCounters ToCounters(SeriesKey key)
    {
        var latency = new LatencyHistogram();
        latency.Merge(Latency);
        return new HourlyCounters(key.Hour, key.Provider, key.Model, Requests, Successes, Failures, InputTokens, OutputTokens,
            CostMicros / 1_000_000m, new Dictionary<string, long>(ErrorsByType, StringComparer.Ordinal), latency);
    }
}
