using Gatewayz.Api.Health;
using Microsoft.Extensions.Time.Testing;

namespace Gatewayz.Tests.Resilience;

/// <summary>The health formula: availability 40 %, 1 − error rate 30 %, latency score 30 %, on 0–100.</summary>
public sealed class HealthScoreTests
{
    [Theory]
    [InlineData(1, 0, 1, 100)]
    [InlineData(0, 0, 1, 60)]
    [InlineData(1, 1, 1, 70)]
    [InlineData(1, 0, 0, 70)]
    [InlineData(1, 0.2, 0.5, 79)]
    [InlineData(0, 1, 0, 0)]
    public void Score_weights_availability_errors_and_latency(double availability, double errorRate, double latencyScore, double expected) =>
        HealthScore.Compute(availability, errorRate, latencyScore).ShouldBe(expected, 0.05);

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0.5, 1)]
    [InlineData(2.0, 1)]
    [InlineData(6.0, 0.5)]
    [InlineData(10.0, 0)]
    [InlineData(30.0, 0)]
    public void Latency_score_is_one_up_to_the_target_and_falls_linearly_to_zero_at_the_maximum(double? seconds, double expected) =>
        HealthScore.LatencyScore(seconds, targetSeconds: 2, maxSeconds: 10).ShouldBe(expected, 1e-9);

    [Theory]
    [InlineData(100, HealthStatus.Healthy)]
    [InlineData(80, HealthStatus.Healthy)]
    [InlineData(79.9, HealthStatus.Degraded)]
    [InlineData(50, HealthStatus.Degraded)]
    [InlineData(49.9, HealthStatus.Unhealthy)]
    public void Status_thresholds_follow_the_monitoring_guide(double score, HealthStatus expected) =>
        HealthScore.StatusOf(score).ShouldBe(expected);

    [Fact]
    public void Traffic_window_forgets_outcomes_older_than_the_window()
    {
        var clock = new FakeTimeProvider();
        var window = new TrafficWindow(TimeSpan.FromSeconds(100), clock);
        window.Record(failed: true, TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(50));
        window.Record(failed: false, TimeSpan.FromSeconds(1));
        window.Record(failed: false, TimeSpan.FromSeconds(3));

        var both = window.Read();
        clock.Advance(TimeSpan.FromSeconds(60));
        var recent = window.Read();

        both.Failures.ShouldBe(1);
        both.ErrorRate.ShouldBe(1 / 3.0, 1e-9);
        both.MeanLatencySeconds.ShouldBe(2);
        recent.Failures.ShouldBe(0);
        recent.Successes.ShouldBe(2);
    }
}
