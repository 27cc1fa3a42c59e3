using System.Diagnostics;
using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Resilience;

/// <summary>
/// SSE comments an upstream sends before its first token (OpenRouter's <c>: PROCESSING</c>) are activity:
/// they restart the first-byte and idle timers, so a thinking model is not cut and paid for twice.
/// </summary>
public sealed class UpstreamCommentTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Comments_before_the_first_token_keep_the_stream_alive_past_the_first_byte_and_idle_timeouts()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Providers:upstream:TimeToFirstByteSeconds", "1"), ("Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds", "1")));
        // About 3 s of comments: three times either limit, so a timer they do not restart cuts the stream.
        _upstream.Behavior = new UpstreamBehavior { LeadingComments = 10, CommentInterval = TimeSpan.FromMilliseconds(300) };

        var response = await gateway.PostChatAsync(stream: true);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"content\":\" upstream\"", customMessage: "the answer came from the fake upstream, not the failover route");
        body.ShouldContain("[DONE]");
        _upstream.ChatRequestCount.ShouldBe(1, "a retry would start a second paid generation");
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_failovers_total").ShouldBe(0);
    }

    [Fact]
    public async Task Upstream_silent_after_its_headers_is_still_cut_and_fails_over()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ("Gatewayz:Providers:upstream:TimeToFirstByteSeconds", "1"), ("Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds", "1"),
            ("Gatewayz:Resilience:Retry:MaxRetries", "0")));
        // One comment, then nothing at all for far longer than either limit.
        _upstream.Behavior = new UpstreamBehavior { LeadingComments = 1, CommentInterval = TimeSpan.FromSeconds(20) };

        var clock = Stopwatch.StartNew();
        var response = await gateway.PostChatAsync(stream: true);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldNotContain("\"content\":\" upstream\"");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the gateway waited for the silent upstream"); // loose: CI machines are busy
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_failovers_total", ("provider", "upstream"), ("reason", "timeout")).ShouldBe(1);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();
}
