namespace Gatewayz.Api.Health;

/// <summary>What a <see cref="TrafficWindow"/> saw; latency is summed over successful attempts only.</summary>
public readonly record struct TrafficSummary(long Successes, long Failures, double LatencySecondsSum)
{
    public long Total => Successes + Failures;

    /// <summary>Failed share of attempts; 0 without traffic, so an idle provider is not penalised.</summary>
    public double ErrorRate => Total == 0 ? 0 : (double)Failures / Total;

    public double? MeanLatencySeconds => Successes == 0 ? null : LatencySecondsSum / Successes;

    public static TrafficSummary operator +(TrafficSummary left, TrafficSummary right) =>
        new(left.Successes + right.Successes, left.Failures + right.Failures, left.LatencySecondsSum + right.LatencySecondsSum);
}
