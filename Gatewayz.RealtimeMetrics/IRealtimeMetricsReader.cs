namespace Gatewayz.RealtimeMetrics;

public interface IRealtimeMetricsReader
{
    /// <summary>The UTC hours (truncated) that hold data, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> ListHoursAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<HourlyCounters>> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken);

    /// <summary>Removes an hour's counters and latencies; called only after they are safely stored elsewhere.</summary>
    Task DeleteHourAsync(DateTimeOffset hour, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecentError>> ReadRecentErrorsAsync(string provider, int limit, CancellationToken cancellationToken);
}
