using Gatewayz.Api.Catalog;
using Gatewayz.Api.Health;
using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Api.Monitoring;

/// <summary>
/// The health view used only when no health monitor is registered: each provider's score is its
/// success rate over the real-time store's last two hours (0–100), and no breakers are reported.
/// </summary>
public sealed class RealtimeHealthView(IRealtimeMetricsReader reader, ModelCatalog catalog, TimeProvider time) : IProviderHealthView
{
    public async Task<IReadOnlyList<ProviderHealthSnapshot>> GetProviderHealthAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await ReadAsync(cancellationToken);
        return [.. catalog.ProviderNames.Select(provider =>
        {
            var score = Score(rows.Where(row => row.Provider == provider));
            return new ProviderHealthSnapshot(provider, score, StatusOf(score), now);
        })];
    }

    public async Task<IReadOnlyList<ModelHealthSnapshot>> GetModelHealthAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await ReadAsync(cancellationToken))
            .GroupBy(row => (row.Provider, row.Model))
            .Select(group => new ModelHealthSnapshot(group.Key.Provider, group.Key.Model, Score(group), StatusOf(Score(group)), now))];
    }

    public Task<IReadOnlyList<CircuitBreakerSnapshot>> GetCircuitBreakersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CircuitBreakerSnapshot>>([]);

    private Task<List<HourlyCounters>> ReadAsync(CancellationToken cancellationToken) =>
        reader.ReadSinceAsync(RealtimeHours.Truncate(time.GetUtcNow()).AddHours(-1), cancellationToken);

    private static double Score(IEnumerable<HourlyCounters> rows)
    {
        long requests = 0, successes = 0;
        foreach (var row in rows) { requests += row.Requests; successes += row.Successes; }
        return requests == 0 ? 100 : Math.Round(100.0 * successes / requests, 1);
    }

    private static HealthStatus StatusOf(double score) => score >= 80 ? HealthStatus.Healthy : score >= 50 ? HealthStatus.Degraded : HealthStatus.Unhealthy;
}
