using System.Globalization;
using Gatewayz.Api.Health;
using Gatewayz.RealtimeMetrics;
using static Gatewayz.Api.Monitoring.MonitoringResponses;

namespace Gatewayz.Api.Monitoring;

/// <summary>The monitoring answers that come from the real-time store and the shared health view.</summary>
public sealed class RealtimeMonitor(IRealtimeMetricsReader reader, IProviderHealthView health, TimeProvider time)
{
    private const double NoDataScore = 100;

    public async Task<IReadOnlyList<ProviderHealth>> HealthAsync(CancellationToken cancellationToken) =>
        [.. (await health.GetProviderHealthAsync(cancellationToken))
            .OrderBy(snapshot => snapshot.Provider, StringComparer.Ordinal)
            .Select(ToResponse)];

    /// <summary>A known provider that has not been scored yet has seen no failures: it is reported healthy.</summary>
    public async Task<ProviderHealth> HealthAsync(string provider, CancellationToken cancellationToken)
    {
        var snapshot = (await health.GetProviderHealthAsync(cancellationToken)).FirstOrDefault(item => item.Provider == provider);
        return snapshot is null ? new ProviderHealth(provider, NoDataScore, "healthy", time.GetUtcNow()) : ToResponse(snapshot);
    }

    public async Task<IReadOnlyList<RecentErrorEntry>> ErrorsAsync(string provider, int limit, CancellationToken cancellationToken) =>
        [.. (await reader.ReadRecentErrorsAsync(provider, limit, cancellationToken))
            .Select(error => new RecentErrorEntry(error.Model, error.Error, error.Timestamp, error.LatencyMs))];

    public async Task<RealtimeStats> StatsAsync(int hours, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counters = await ReadRecentHoursAsync(hours, cancellationToken);
        var scores = (await health.GetProviderHealthAsync(cancellationToken)).ToDictionary(snapshot => snapshot.Provider, snapshot => snapshot.HealthScore);
        var providers = counters
            .GroupBy(row => row.Provider, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => new ProviderRealtime(group.Sum(row => row.Requests), group.Sum(row => row.Cost), scores.GetValueOrDefault(group.Key, NoDataScore)));
        return new RealtimeStats(
            now,
            providers,
            providers.Values.Sum(provider => provider.TotalRequests),
            providers.Values.Sum(provider => provider.TotalCost),
            providers.Count == 0 ? NoDataScore : Math.Round(providers.Values.Average(provider => provider.HealthScore), 2));
    }

    public async Task<IReadOnlyList<CircuitBreaker>> CircuitBreakersAsync(string? provider, CancellationToken cancellationToken) =>
        [.. (await health.GetCircuitBreakersAsync(cancellationToken))
            .Where(breaker => provider is null || breaker.Provider == provider)
            .OrderBy(breaker => breaker.Provider, StringComparer.Ordinal).ThenBy(breaker => breaker.Model, StringComparer.Ordinal)
            .Select(breaker => new CircuitBreaker(breaker.Provider, breaker.Model, breaker.State, breaker.FailureCount, breaker.IsAvailable,
                breaker.LastUpdated.ToUnixTimeMilliseconds() / 1000.0))];

    /// <summary>Latency of the current and the previous hour (what the real-time store holds), merged.</summary>
    public async Task<IReadOnlyDictionary<string, object>> LatencyAsync(string provider, string model, IReadOnlyList<double> percentiles, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram();
        foreach (var row in await ReadRecentHoursAsync(2, cancellationToken))
            if (row.Provider == provider && row.Model == model) histogram.Merge(row.Latency);

        var answer = new Dictionary<string, object>
        {
            ["provider"] = provider,
            ["model"] = model,
            ["count"] = histogram.Total,
            ["avg"] = Math.Round(histogram.Mean(), 3),
        };
        foreach (var percentile in percentiles)
            answer["p" + percentile.ToString(CultureInfo.InvariantCulture)] = Math.Round(histogram.Percentile(percentile), 3);
        return answer;
    }

    private Task<List<HourlyCounters>> ReadRecentHoursAsync(int hours, CancellationToken cancellationToken) =>
        reader.ReadSinceAsync(RealtimeHours.Truncate(time.GetUtcNow()).AddHours(1 - hours), cancellationToken);

    private static ProviderHealth ToResponse(ProviderHealthSnapshot snapshot) =>
        new(snapshot.Provider, snapshot.HealthScore, snapshot.Status.ToString().ToLowerInvariant(), snapshot.LastUpdated);
}
