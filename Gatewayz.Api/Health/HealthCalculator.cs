using Gatewayz.Api.Metrics;
using Gatewayz.Api.Resilience;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Health;

/// <summary>
/// Turns probes and the passive traffic windows into 0–100 scores (<see cref="HealthScore"/>) and
/// sets the health gauges. A provider's traffic is the sum of its routes; a route's availability
/// also needs its model listed by the provider and its breaker not open.
/// </summary>
public sealed class HealthCalculator(RouteRegistry routes, ProbeResults probes, GatewayMetrics metrics, IOptions<HealthOptions> options, TimeProvider time)
{
    public HealthReport Compute()
    {
        var now = time.GetUtcNow();
        var traffic = new Dictionary<string, TrafficSummary>(StringComparer.Ordinal);
        var models = new List<ModelHealthSnapshot>(routes.All.Count);
        foreach (var route in routes.All)
        {
            var provider = route.Route.Provider;
            var summary = route.Traffic.Read();
            traffic[provider] = traffic.GetValueOrDefault(provider) + summary;
            var available = probes.AvailabilityOf(provider) > 0 && probes.IsListed(route.Key) && !route.IsOpen() ? 1 : 0;
            var score = Score(available, summary);
            metrics.ModelHealthScore.WithLabels(provider, route.Model.Id).Set(score);
            models.Add(new ModelHealthSnapshot(provider, route.Model.Id, score, HealthScore.StatusOf(score), now));
        }

        var providers = new List<ProviderHealthSnapshot>(traffic.Count);
        foreach (var (provider, summary) in traffic.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var availability = probes.AvailabilityOf(provider);
            var score = Score(availability, summary);
            metrics.ProviderAvailability.WithLabels(provider).Set(availability);
            metrics.ProviderErrorRate.WithLabels(provider).Set(summary.ErrorRate);
            metrics.ProviderHealthScore.WithLabels(provider).Set(score);
            providers.Add(new ProviderHealthSnapshot(provider, score, HealthScore.StatusOf(score), now));
        }
        return new HealthReport(providers, models);
    }

    private double Score(double availability, TrafficSummary summary) => HealthScore.Compute(
        availability,
        summary.ErrorRate,
        HealthScore.LatencyScore(summary.MeanLatencySeconds, options.Value.TargetLatencySeconds, options.Value.MaxLatencySeconds));
}
