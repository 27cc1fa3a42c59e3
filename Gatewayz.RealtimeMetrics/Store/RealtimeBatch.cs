namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>
/// Outcomes added up per hour, provider and model, plus each provider's newest errors: what one flush
/// writes to Redis, and what the in-memory store holds (not thread-safe).
/// </summary>
internal sealed class RealtimeBatch
{
    public const int ErrorsPerProvider = 100;

    public Dictionary<SeriesKey, HourAccumulator> Series { get; } = [];

    /// <summary>Provider → errors, oldest first, at most <see cref="ErrorsPerProvider"/>.</summary>
    public Dictionary<string, Queue<RecentError>> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Series.Count == 0 && Errors.Count == 0;

    public void Add(in RequestOutcome outcome)
    {
        SeriesFor(new SeriesKey(RealtimeHours.Truncate(outcome.At), outcome.Provider, outcome.Model)).Add(outcome);
        if (!outcome.Success)
        {
            AddError(outcome.Provider, new RecentError(outcome.Model, ErrorText.Sanitize(outcome.ErrorMessage ?? outcome.ErrorType ?? "unknown"),
                outcome.At.ToUnixTimeMilliseconds() / 1000.0, outcome.LatencyMs));
        }
    }

    public void Merge(RealtimeBatch other)
    {
        foreach (var (key, accumulator) in other.Series)
            SeriesFor(key).Merge(accumulator);
        foreach (var (provider, errors) in other.Errors)
        {
            foreach (var error in errors) AddError(provider, error);
        }
    }

    /// <summary>Forgets hours before <paramref name="oldestKept"/>, so that memory stays bounded while Redis is away.</summary>
    public void RemoveHoursBefore(DateTimeOffset oldestKept)
    {
        foreach (var key in Series.Keys)
        {
            if (key.Hour < oldestKept) Series.Remove(key);
        }
    }

    public HourAccumulator SeriesFor(SeriesKey key)
    {
        if (!Series.TryGetValue(key, out var accumulator))
            Series[key] = accumulator = new HourAccumulator();
        return accumulator;
    }

    private void AddError(string provider, RecentError error)
    {
        if (!Errors.TryGetValue(provider, out var errors))
            Errors[provider] = errors = new Queue<RecentError>();
        errors.Enqueue(error);
        if (errors.Count > ErrorsPerProvider) errors.Dequeue();
    }
}
