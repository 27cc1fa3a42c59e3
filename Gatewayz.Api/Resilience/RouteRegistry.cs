using Gatewayz.Api.Catalog;
using Gatewayz.Api.Health;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Providers;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Every route of the catalog with its cached pipeline, built once at start-up (which also
/// initialises every route's breaker gauges to closed).
/// </summary>
public sealed class RouteRegistry
{
    private readonly Dictionary<CatalogModel, RouteResilience[]> _byModel = new(ReferenceEqualityComparer.Instance);

    public RouteRegistry(ModelCatalog catalog, ProviderRegistry providers, IOptions<GatewayOptions> gateway,
        IOptions<ResilienceOptions> resilience, IOptions<HealthOptions> health, GatewayMetrics metrics, TimeProvider time)
    {
        var window = TimeSpan.FromSeconds(health.Value.WindowSeconds);
        var all = new List<RouteResilience>();
        foreach (var model in catalog.Models)
        {
            var routes = new RouteResilience[model.Routes.Count];
            for (var i = 0; i < routes.Length; i++)
            {
                var route = model.Routes[i];
                var entry = new RouteResilience(model, route, providers.Get(route.Provider), gateway.Value.Providers[route.Provider],
                    new RouteMetrics(metrics, route.Provider, model.Id), new TrafficWindow(window, time), time);
                entry.Pipeline = RoutePipelineFactory.Create(entry,
                    resilience.Value.CircuitBreakerFor(route.Provider), resilience.Value.RetryFor(route.Provider), time);
                routes[i] = entry;
                all.Add(entry);
            }
            _byModel[model] = routes;
        }
        All = all;
    }

    public IReadOnlyList<RouteResilience> All { get; }

    public RouteResilience[] RoutesOf(CatalogModel model) => _byModel[model];
}
