using System.Net;
using Gatewayz.Api.Health;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gatewayz.Tests.Resilience;

/// <summary>A route's breaker on a fake clock: it opens after the configured failures, skips the route, half-opens after the break.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
                ("Gatewayz:Resilience:Retry:MaxRetries", "0"),
                ("Gatewayz:Resilience:CircuitBreaker:MinimumThroughput", "3"),
                ("Gatewayz:Resilience:CircuitBreaker:FailureRatio", "0.5"),
                ("Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds", "30")),
            services => services.AddSingleton<TimeProvider>(_clock));
    }

    [Fact]
    public async Task Breaker_opens_after_the_configured_failures_and_requests_skip_the_route()
    {
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };

        for (var i = 0; i < 3; i++)
            (await _gateway.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var beforeOpen = _upstream.ChatRequestCount;
        for (var i = 0; i < 5; i++)
            (await _gateway.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        beforeOpen.ShouldBe(3);
        _upstream.ChatRequestCount.ShouldBe(3);
        var metrics = await _gateway.ScrapeMetricsAsync();
        BreakerState(metrics, "open").ShouldBe(1);
        BreakerState(metrics, "closed").ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_failures_total", ("provider", "upstream"), ("model", TwoRouteSettings.Model)).ShouldBe(3);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_transitions_total", ("provider", "upstream"), ("state", "open")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("reason", "circuit_open")).ShouldBe(5);
        var breakers = await _gateway.Services.GetRequiredService<IProviderHealthView>().GetCircuitBreakersAsync(default);
        var breaker = breakers.Single(b => b.Provider == "upstream" && b.Model == TwoRouteSettings.Model);
        breaker.State.ShouldBe("OPEN");
        breaker.IsAvailable.ShouldBeFalse();
        breaker.FailureCount.ShouldBe(3);
    }

    [Fact]
    public async Task Breaker_half_opens_after_the_break_duration_and_closes_when_the_route_recovered()
    {
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };
        for (var i = 0; i < 3; i++)
            await _gateway.PostChatAsync();
        _upstream.Behavior = new UpstreamBehavior();

        _clock.Advance(TimeSpan.FromSeconds(29));
        await _gateway.PostChatAsync();
        _upstream.ChatRequestCount.ShouldBe(3);

        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _gateway.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        _upstream.ChatRequestCount.ShouldBe(4);
        var metrics = await _gateway.ScrapeMetricsAsync();
        BreakerState(metrics, "closed").ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_transitions_total", ("provider", "upstream"), ("state", "half_open")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_transitions_total", ("provider", "upstream"), ("state", "closed")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "upstream"), ("status", "success")).ShouldBe(1);
    }

    [Fact]
    public async Task Every_route_starts_with_a_closed_breaker_gauge()
    {
        var metrics = await _gateway.ScrapeMetricsAsync();

        BreakerState(metrics, "closed").ShouldBe(1);
        BreakerState(metrics, "open").ShouldBe(0);
        BreakerState(metrics, "half_open").ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_state", ("provider", "groq"), ("model", "meta-llama/llama-3.3-70b-instruct"), ("state", "closed")).ShouldBe(1);
    }

    private static double BreakerState(string metrics, string state) =>
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_state", ("provider", "upstream"), ("model", TwoRouteSettings.Model), ("state", state));

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
