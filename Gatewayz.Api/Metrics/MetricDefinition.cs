namespace Gatewayz.Api.Metrics;

/// <summary>
/// One metric of the catalog: the single place where its name, type, labels, unit and meaning are
/// defined. The exporter, the structured endpoints and <c>docs/metrics.md</c> are all derived from it.
/// </summary>
public sealed record MetricDefinition(
    string Name,
    MetricKind Kind,
    string Help,
    string[] Labels,
    MetricCategory Category,
    string Unit,
    string UsedBy,
    double[]? Buckets = null);
