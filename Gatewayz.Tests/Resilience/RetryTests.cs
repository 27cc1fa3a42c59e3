using System.Diagnostics;
using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Resilience;

/// <summary>Retries on the same route: transient failures only, 429's Retry-After within its cap, bounded by the attempt budget.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Burst_of_5xx_is_retried_on_the_same_route_until_it_succeeds()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetries", "2")));
        _upstream.Script.Enqueue(new UpstreamBehavior { Status = 503 });
        _upstream.Script.Enqueue(new UpstreamBehavior { Status = 500 });

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.ChatRequestCount.ShouldBe(3);
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_retries_total", ("provider", "upstream"), ("error_type", "server_error")).ShouldBe(2);
    }

    [Fact]
    public async Task Rate_limit_is_retried_after_its_Retry_After_when_within_the_cap()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetryAfterSeconds", "1")));
        _upstream.Script.Enqueue(new UpstreamBehavior { Status = 429, RetryAfter = "1" });

        var clock = Stopwatch.StartNew();
        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        _upstream.ChatRequestCount.ShouldBe(2);
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_retries_total", ("error_type", "rate_limited")).ShouldBe(1);
    }

    [Fact]
    public async Task Rate_limit_with_a_Retry_After_beyond_the_cap_is_not_retried()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetryAfterSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { Status = 429, RetryAfter = "30" };

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _upstream.ChatRequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Client_error_is_neither_retried_nor_failed_over()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetries", "3")));
        _upstream.Behavior = new UpstreamBehavior { Status = 400 };

        var response = await gateway.PostChatAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _upstream.ChatRequestCount.ShouldBe(1);
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "groq")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_failovers_total").ShouldBe(0);
    }

    [Fact]
    public async Task Attempt_budget_bounds_retries_and_failovers_together()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Resilience:Retry:MaxRetries", "5"), ("Gatewayz:Resilience:MaxAttemptsPerRequest", "3")));
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };

        var response = await gateway.PostChatAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        _upstream.ChatRequestCount.ShouldBe(3);
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_inference_requests_total", ("provider", "groq")).ShouldBe(0);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();
}
