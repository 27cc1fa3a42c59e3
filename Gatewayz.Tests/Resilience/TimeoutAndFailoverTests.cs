using System.Diagnostics;
using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Resilience;

/// <summary>Time-to-first-byte and total timeouts, unreachable upstreams and broken streams, with failover where it is still possible.</summary>
public sealed class TimeoutAndFailoverTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Slow_first_byte_fails_over_to_the_next_route()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Providers:upstream:TimeToFirstByteSeconds", "0.3"), ("Gatewayz:Resilience:Retry:MaxRetries", "0")));
        _upstream.Behavior = new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(8) };

        var clock = Stopwatch.StartNew();
        var response = await gateway.PostChatAsync(stream: true);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(6), "the gateway waited for the slow upstream"); // loose: CI machines are busy
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("reason", "timeout")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "groq"), ("status", "success")).ShouldBe(1);
    }

    [Fact]
    public async Task Stream_that_keeps_delivering_chunks_is_not_cut_by_the_first_byte_timeout()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Providers:upstream:TimeToFirstByteSeconds", "0.5"), ("Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["a", "b", "c", "d", "e"], ChunkDelay = TimeSpan.FromMilliseconds(300) };

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel, stream: true);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"content\":\"e\"");
        body.ShouldContain("[DONE]");
    }

    [Fact]
    public async Task Stream_silent_for_longer_than_the_idle_timeout_ends_with_an_error_event()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds", "0.3")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["a", "b"], ChunkDelay = TimeSpan.FromSeconds(2) };

        var response = await gateway.PostChatAsync(stream: true);
        var body = await response.Content.ReadAsStringAsync();

        body.ShouldContain("\"content\":\"a\"");
        body.ShouldContain("\"error\":");
        body.ShouldNotContain("[DONE]");
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_inference_requests_total", ("provider", "groq")).ShouldBe(0);
    }

    [Fact]
    public async Task Total_timeout_ends_a_slow_non_streaming_call()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Providers:upstream:TotalTimeoutSeconds", "0.4"), ("Gatewayz:Resilience:Retry:MaxRetries", "0")));
        _upstream.Behavior = new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(8) };

        var clock = Stopwatch.StartNew();
        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel);

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(6), "the gateway waited for the slow upstream"); // loose: CI machines are busy
    }

    [Fact]
    public async Task Connection_refused_fails_over_to_the_next_route()
    {
        var closedPort = new Uri($"http://127.0.0.1:{FreePort.Next()}/v1");
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(closedPort));

        var response = await gateway.PostChatAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "upstream"), ("status", "connection_error")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("reason", "connection_error")).ShouldBe(1);
    }

    [Fact]
    public async Task Mid_stream_disconnect_is_not_retried_once_the_response_has_begun()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["one", " two", " three"], DisconnectAfterChunks = 2, ChunkDelay = TimeSpan.FromMilliseconds(200) };

        var response = await gateway.PostChatAsync(stream: true);
        var body = await response.Content.ReadAsStringAsync();

        body.ShouldContain("\"content\":\"one\"");
        body.ShouldContain("\"error\":");
        _upstream.ChatRequestCount.ShouldBe(1);
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_inference_requests_total", ("provider", "groq")).ShouldBe(0);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();
}
