namespace Gatewayz.Tests.Resilience;

/// <summary>Client-side latencies of a batch of gateway requests, summarised as percentiles.</summary>
public sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan latency) => _milliseconds.Add(latency.TotalMilliseconds);

    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0) return double.NaN;
        var sorted = _milliseconds.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() => $"n={Count} p50={Percentile(0.5):0.0} ms p95={Percentile(0.95):0.0} ms max={Percentile(1):0.0} ms";
}
