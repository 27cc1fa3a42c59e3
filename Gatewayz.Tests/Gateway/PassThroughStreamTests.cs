using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A streamed answer of an OpenAI-compatible upstream reaches an OpenAI client event by event, in order,
/// each with the upstream's JSON except <c>id</c> and <c>model</c>; the gateway keeps the upstream's
/// comments to itself, ends with <c>[DONE]</c>, and shows usage only to a client that asked for it.
/// </summary>
public sealed class PassThroughStreamTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Theory]
    // the role with a tool call's first fragment (index, id, type, name), then its arguments in three chunks
    [InlineData("tool-call-fragments.sse")]
    // tool calls with index 0 and index 1
    [InlineData("parallel-tool-calls.sse")]
    // n:2: chunks of choice 1 interleaved with those of choice 0
    [InlineData("two-choices.sse")]
    [InlineData("logprobs.sse")]
    [InlineData("refusal.sse")]
    [InlineData("reasoning-content.sse")]
    // OpenRouter's reasoning deltas, with its comments while it thinks and usage on a choice chunk
    [InlineData("reasoning.sse")]
    [InlineData("unknown-fields.sse")]
    public async Task Streamed_events_reach_the_client_in_order_as_the_upstream_sent_them_except_id_and_model(string fixture)
    {
        var upstreamStream = WireFixtures.OpenAi(fixture);
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = upstreamStream };

        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true, includeUsage: true));

        status.ShouldBe(HttpStatusCode.OK);
        RelayAssert.StreamRelayed(SseText.JsonEvents(upstreamStream), body);
    }

    [Fact]
    public async Task Upstream_comments_are_not_relayed()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("reasoning.sse") };

        var (_, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true));

        body.ShouldContain("data: ");
        body.ShouldNotContain("PROCESSING");
        body.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith(':')).ShouldAllBe(line => line == ": keep-alive");
        body.ShouldEndWith("data: [DONE]\n\n");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upstream_is_always_asked_for_usage(bool? clientIncludesUsage)
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("text.sse") };

        await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true, includeUsage: clientIncludesUsage));

        _relay.UpstreamRequest.GetProperty("stream_options").GetProperty("include_usage").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Upstream_usage_chunk_is_withheld_from_a_client_that_did_not_ask_for_usage(bool? clientIncludesUsage)
    {
        var upstreamStream = WireFixtures.OpenAi("text.sse");
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = upstreamStream };

        var (_, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true, includeUsage: clientIncludesUsage));

        RelayAssert.StreamRelayed([.. SseText.JsonEvents(upstreamStream).Where(data => !WireFixtures.IsUsageOnly(data))], body);
    }

    [Fact]
    public async Task Gateway_adds_its_own_usage_chunk_when_the_client_asked_and_the_upstream_sent_none()
    {
        var upstreamStream = WireFixtures.WithoutUsageChunk(WireFixtures.OpenAi("text.sse"));
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = upstreamStream };

        var (_, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true, includeUsage: true));

        var events = RelayAssert.ClientEvents(body);
        WireFixtures.IsUsageOnly(events[^1]).ShouldBeTrue($"the last event before [DONE] is a usage chunk: {events[^1]}");
        using (var last = JsonDocument.Parse(events[^1]))
        {
            var usage = last.RootElement.GetProperty("usage");
            usage.GetProperty("prompt_tokens").GetInt32().ShouldBeGreaterThan(0);
            usage.GetProperty("completion_tokens").GetInt32().ShouldBeGreaterThan(0);
            usage.GetProperty("total_tokens").GetInt32().ShouldBe(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32());
        }
        RelayAssert.EventsRelayed(SseText.JsonEvents(upstreamStream), [.. events.Take(events.Count - 1)]);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
