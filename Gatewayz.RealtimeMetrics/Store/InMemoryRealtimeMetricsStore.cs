using Microsoft.Extensions.Options;

namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>
/// The store without Redis: the embedded run, and the place outcomes wait while Redis is down until
/// <see cref="RealtimeMetricsFlusher"/> moves them to Redis. Hours older than the retention plus the
/// same 24-hour safety margin as the Redis TTL are forgotten, so memory stays bounded.
/// </summary>
public sealed class InMemoryRealtimeMetricsStore(IOptions<RedisOptions> options) : IRealtimeMetricsWriter, IRealtimeMetricsReader
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _kept = RealtimeRetention.SafetyTtl(options.Value.RetentionHours);
    private RealtimeBatch _batch = new();
    private DateTimeOffset _newestHour;

    public bool IsEmpty
    {
        get { lock (_lock) return _batch.IsEmpty; }
    }

    public void Record(in RequestOutcome outcome)
    {
        lock (_lock)
        {
            _batch.Add(outcome);
            NoteHour(RealtimeHours.Truncate(outcome.At));
        }
    }

    internal void Merge(RealtimeBatch batch)
    {
        lock (_lock)
        {
            _batch.Merge(batch);
            foreach (var key in batch.Series.Keys) NoteHour(key.Hour);
        }
    }

    /// <summary>Hands everything over (to be written to Redis) and starts empty.</summary>
    internal RealtimeBatch TakeAll()
    {
        lock (_lock)
        {
            var taken = _batch;
            _batch = new RealtimeBatch();
            return taken;
        }
    }

    public Task<IReadOnlyList<DateTimeOffset>> ListHoursAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var hours = new SortedSet<DateTimeOffset>();
            foreach (var key in _batch.Series.Keys) hours.Add(key.Hour);
            return Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. hours]);
        }
    }

    public Task<IReadOnlyList<HourlyCounters>> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var truncated = RealtimeHours.Truncate(hour);
        var counters = new List<HourlyCounters>();
        lock (_lock)
        {
            foreach (var (key, accumulator) in _batch.Series)
            {
                if (key.Hour == truncated) counters.Add(accumulator.ToCounters(key));
            }
        }
        return Task.FromResult<IReadOnlyList<HourlyCounters>>(counters);
    }

    public Task DeleteHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var truncated = RealtimeHours.Truncate(hour);
        lock (_lock)
        {
            foreach (var key in _batch.Series.Keys)
            {
                if (key.Hour == truncated) _batch.Series.Remove(key);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RecentError>> ReadRecentErrorsAsync(string provider, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_batch.Errors.TryGetValue(provider, out var errors))
                return Task.FromResult<IReadOnlyList<RecentError>>([]);
            var newestFirst = errors.Reverse().Take(Math.Max(0, limit)).ToList();
            return Task.FromResult<IReadOnlyList<RecentError>>(newestFirst);
        }
    }

    private void NoteHour(DateTimeOffset hour)
    {
        if (hour <= _newestHour) return;
        _newestHour = hour;
        _batch.RemoveHoursBefore(hour - _kept);
    }
}
