using System.Diagnostics;
using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Exemplars taken only from traces that are recorded. prometheus-net's default takes any current
/// <see cref="Activity"/>; with trace sampling on (<c>OTEL_TRACES_SAMPLER</c>) that would link latency
/// panels to traces that were never exported.
/// </summary>
public static class RecordedTraceExemplars
{
    public static ExemplarBehavior Behavior { get; } = new()
    {
        DefaultExemplarProvider = (_, _) => Activity.Current is { Recorded: true } ? Exemplar.FromTraceContext() : Exemplar.None,
    };
}
