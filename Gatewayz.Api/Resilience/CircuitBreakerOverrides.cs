namespace Gatewayz.Api.Resilience;

public sealed class CircuitBreakerOverrides
{
    public double? FailureRatio { get; set; }
    public int? MinimumThroughput { get; set; }
    public double? SamplingDurationSeconds { get; set; }
    public double? BreakDurationSeconds { get; set; }

    public CircuitBreakerSettings Over(CircuitBreakerSettings defaults) => new()
    {
        FailureRatio = FailureRatio ?? defaults.FailureRatio,
        MinimumThroughput = MinimumThroughput ?? defaults.MinimumThroughput,
        SamplingDurationSeconds = SamplingDurationSeconds ?? defaults.SamplingDurationSeconds,
        BreakDurationSeconds = BreakDurationSeconds ?? defaults.BreakDurationSeconds,
    };
}
