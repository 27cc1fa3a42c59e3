namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>A series as a panel shows it: its legend name and samples.</summary>
public sealed record PanelSeries(string Name, IReadOnlyList<PromSample> Samples)
{
    public double Last => Samples.Count == 0 ? double.NaN : Samples[^1].Value;
}
