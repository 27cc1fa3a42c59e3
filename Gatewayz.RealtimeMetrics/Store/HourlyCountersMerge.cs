namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>Adds up two views of the same hour (Redis and memory) per provider and model.</summary>
internal static class HourlyCountersMerge
{
    public static IReadOnlyList<HourlyCounters> Combine(IReadOnlyList<HourlyCounters> first, IReadOnlyList<HourlyCounters> second)
    {
        var batch = new RealtimeBatch();
        foreach (var counters in first.Concat(second))
        {
            var accumulator = batch.SeriesFor(new SeriesKey(counters.Hour, counters.Provider, counters.Model));
            accumulator.Requests += counters.Requests;
            accumulator.Successes += counters.Successes;
            accumulator.Failures += counters.Failures;
            accumulator.InputTokens += counters.InputTokens;
            accumulator.OutputTokens += counters.OutputTokens;
            accumulator.CostMicros += HourAccumulator.ToMicros(counters.Cost);
            foreach (var (type, count) in counters.ErrorsByType)
                accumulator.ErrorsByType[type] = accumulator.ErrorsByType.GetValueOrDefault(type) + count;
            accumulator.Latency.Merge(counters.Latency);
        }
        return [.. batch.Series.Select(pair => pair.Value.ToCounters(pair.Key))];
    }
}
