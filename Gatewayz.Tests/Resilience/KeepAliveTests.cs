using System.Diagnostics;
using System.Net;
using System.Text;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Resilience;

/// <summary>
/// While a begun stream's upstream is silent, the gateway writes its own <c>: keep-alive</c> comments so
/// proxies and clients do not time out; SDKs skip them.
/// </summary>
public sealed class KeepAliveTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Silent_upstream_between_chunks_gets_keep_alive_comments_in_the_client_stream()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["first", "second"], ChunkDelay = TimeSpan.FromSeconds(2.5) };

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel, stream: true);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldHaveKeepAliveBetween(body, "\"content\":\"first\"", "\"content\":\"second\"");
        body.ShouldContain("[DONE]");
    }

    [Fact]
    public async Task OpenAi_sdk_reads_a_stream_with_keep_alive_comments_normally()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["first", " second"], ChunkDelay = TimeSpan.FromSeconds(2.5) };

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in gateway.CreateChatClient(TwoRouteSettings.SingleRouteModel).CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            finish ??= update.FinishReason;
        }

        text.ToString().ShouldBe("first second");
        finish.ShouldBe(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task Anthropic_stream_gets_ping_events_as_its_keep_alive()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["first", "second"], ChunkDelay = TimeSpan.FromSeconds(2.5) };

        using var client = gateway.CreateHttpClient();
        var response = await client.PostAsync("/v1/messages", new StringContent(
            $$"""{"model":"{{TwoRouteSettings.SingleRouteModel}}","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
            Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldHaveKeepAliveBetween(body, "\"text\":\"first\"", "\"text\":\"second\"", "\nevent: ping\ndata: {\"type\":\"ping\"}\n\n");
        body.ShouldContain("event: message_stop");
    }

    [Fact]
    public async Task Upstream_thinking_before_its_first_token_gets_the_client_headers_and_keep_alives_before_any_chunk()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { LeadingComments = 5, CommentInterval = TimeSpan.FromSeconds(0.6), Chunks = ["late"] };
        using var client = gateway.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{TwoRouteSettings.SingleRouteModel}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };

        var started = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var headersAfter = started.Elapsed;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var firstLine = await reader.ReadLineAsync();
        var rest = await reader.ReadToEndAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        headersAfter.ShouldBeLessThan(TimeSpan.FromSeconds(2.5), "the upstream's first token comes after 3 s");
        firstLine.ShouldBe(": keep-alive");
        rest.ShouldContain("\"content\":\"late\"");
        rest.ShouldContain("data: [DONE]");
        _upstream.ChatRequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Failure_after_the_keep_alives_began_is_an_error_event()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "1")));
        _upstream.Behavior = new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(1.5), Status = 500 };

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel, stream: true);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldStartWith(": keep-alive");
        body.ShouldContain("data: {\"error\":");
        body.ShouldNotContain("[DONE]");
    }

    [Fact]
    public async Task Keep_alive_of_zero_turns_it_off()
    {
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl, ("Gatewayz:Streaming:KeepAliveSeconds", "0")));
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["first", "second"], ChunkDelay = TimeSpan.FromSeconds(1.5) };

        var response = await gateway.PostChatAsync(TwoRouteSettings.SingleRouteModel, stream: true);
        var body = await response.Content.ReadAsStringAsync();

        body.ShouldContain("\"content\":\"second\"");
        body.ShouldNotContain("keep-alive");
    }

    /// <summary>Both chunks arrived in order, and the silence between them carried a keep-alive comment.</summary>
    private static void ShouldHaveKeepAliveBetween(string body, string firstChunk, string secondChunk, string keepAlive = "\n: keep-alive\n\n")
    {
        var first = body.IndexOf(firstChunk, StringComparison.Ordinal);
        var second = body.IndexOf(secondChunk, StringComparison.Ordinal);
        first.ShouldBeGreaterThan(-1);
        second.ShouldBeGreaterThan(first);
        body[first..second].ShouldContain(keepAlive, customMessage: "no keep-alive while the upstream was silent");
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();
}
