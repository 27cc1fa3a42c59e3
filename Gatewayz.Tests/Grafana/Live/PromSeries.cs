namespace Gatewayz.Tests.Grafana.Live;

/// <summary>One series of a Prometheus query result: its labels and its samples (one for instant queries).</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PromSample> Samples)
{
    public bool HasNumber => Samples.Any(sample => !double.IsNaN(sample.Value));
}
