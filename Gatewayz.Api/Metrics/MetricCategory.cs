namespace Gatewayz.Api.Metrics;

/// <summary>The groups of the structured <c>/prometheus/metrics/{category}</c> endpoints.</summary>
public enum MetricCategory
{
    System,
    Providers,
    Models,
    Business,
    Performance,
}
