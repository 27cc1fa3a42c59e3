using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Api.Monitoring;

public static class RealtimeReaderExtensions
{
    /// <summary>Every row of the hours from <paramref name="since"/> (truncated) on, as the real-time store holds them.</summary>
    public static async Task<List<HourlyCounters>> ReadSinceAsync(this IRealtimeMetricsReader reader, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = new List<HourlyCounters>();
        foreach (var hour in await reader.ListHoursAsync(cancellationToken))
            if (hour >= since) rows.AddRange(await reader.ReadHourAsync(hour, cancellationToken));
        return rows;
    }
}
