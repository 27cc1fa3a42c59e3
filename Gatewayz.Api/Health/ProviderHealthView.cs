using Gatewayz.Api.Resilience;
using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Api.Health;

/// <summary>
/// The monitoring API's view: this replica's scores and breakers, replaced by the shared Redis entry
/// wherever another replica's is newer. Without Redis it is this replica's view alone.
/// </summary>
public sealed class ProviderHealthView(HealthState state, HealthStore store, RouteRegistry routes, SharedBreakerStore breakers, TimeProvider time)
    : IProviderHealthView
{
    public async Task<IReadOnlyList<ProviderHealthSnapshot>> GetProviderHealthAsync(CancellationToken cancellationToken)
    {
        var shared = await store.ReadAsync(RedisKeys.ProviderHealth);
        var local = state.Latest.Providers;
        var result = new List<ProviderHealthSnapshot>(local.Count);
        foreach (var health in local)
        {
            result.Add(shared is not null && shared.TryGetValue(health.Provider, out var newer) && newer.LastUpdated > health.LastUpdated
                ? new ProviderHealthSnapshot(health.Provider, newer.HealthScore, StoredHealth.ParseStatus(newer.Status), newer.LastUpdated)
                : health);
        }
        return result;
    }

    public async Task<IReadOnlyList<ModelHealthSnapshot>> GetModelHealthAsync(CancellationToken cancellationToken)
    {
        var shared = await store.ReadAsync(RedisKeys.ModelHealth);
        var local = state.Latest.Models;
        var result = new List<ModelHealthSnapshot>(local.Count);
        foreach (var health in local)
        {
            var field = $"{health.Provider}{RedisKeys.FieldSeparator}{health.Model}";
            result.Add(shared is not null && shared.TryGetValue(field, out var newer) && newer.LastUpdated > health.LastUpdated
                ? health with { HealthScore = newer.HealthScore, Status = StoredHealth.ParseStatus(newer.Status), LastUpdated = newer.LastUpdated }
                : health);
        }
        return result;
    }

    public async Task<IReadOnlyList<CircuitBreakerSnapshot>> GetCircuitBreakersAsync(CancellationToken cancellationToken)
    {
        var shared = await breakers.ReadAllAsync();
        var now = time.GetUtcNow();
        var result = new List<CircuitBreakerSnapshot>(routes.All.Count);
        foreach (var route in routes.All)
        {
            var breaker = route.LocalState(breakers.Instance);
            if (shared is not null && shared.TryGetValue(route.Key, out var newer) && newer.LastUpdated > breaker.LastUpdated)
                breaker = newer;
            result.Add(new CircuitBreakerSnapshot(route.Route.Provider, route.Model.Id, BreakerStates.ForApi(breaker.State),
                breaker.FailureCount, !breaker.IsOpenAt(now), breaker.LastUpdated));
        }
        return result;
    }
}
